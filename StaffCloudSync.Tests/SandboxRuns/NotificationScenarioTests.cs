using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Tests.SandboxRuns;

/// <summary>
/// The <c>notify</c> and <c>advance</c> steps and the tenant's webhook settings in a scenario file (scenario-format.md):
/// read and checked (an invalid one names its field), and run on the scenario clock through the real receiver.
/// </summary>
public class NotificationScenarioTests
{
    private const string Tenant = """{"id": "acme"}""";

    private static string File(string steps, string tenant = Tenant) => $$"""{"tenant": {{tenant}}, "steps": [{{steps}}]}""";

    [Test]
    public void NotifyAndAdvance_AreRead_WithTheChangeAndTheTimes()
    {
        var scenario = ScenarioReader.Read(File("""
            {"staffcloud": {"upsert": {"assignments": [{"id": 1, "employee_id": 2, "event_id": 3, "status": 7}]}, "notify": "assignment.status_changed", "at": "2026-03-01T02:30:00Z"}},
            {"staffcloud": {"notify": "employee.updated", "secret": "wrong"}},
            {"advance": {"to": "2026-03-01T03:00:00Z"}}
            """));

        var notify = (NotifyStep)scenario.Steps[0];
        Assert.That((notify.Event, notify.At), Is.EqualTo(("assignment.status_changed", (DateTimeOffset?)new DateTimeOffset(2026, 3, 1, 2, 30, 0, TimeSpan.Zero))));
        Assert.That(notify.Change!.Upsert.Assignments.Single()["employee_id"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(((NotifyStep)scenario.Steps[1]).At, Is.Null, "without at: the scenario's time as it stands");
        Assert.That(((NotifyStep)scenario.Steps[1]).Change, Is.Null);
        Assert.That((notify.Secret, ((NotifyStep)scenario.Steps[1]).Secret), Is.EqualTo(((string?)null, "wrong")), "the right secret unless the step gives another");
        Assert.That(((AdvanceStep)scenario.Steps[2]).To, Is.EqualTo(new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void TheWebhookSettings_AreReadInCamelCase()
    {
        var scenario = ScenarioReader.Read(File("", """{"id": "acme", "webhookSecret": "staffcloud-webhook-acme-hook", "webhookDebounce": "00:02:00", "webhookMinInterval": 30}"""));

        Assert.That((scenario.Tenant.EffectiveWebhookSecret, scenario.Tenant.WebhookDebounce, scenario.Tenant.WebhookMinInterval),
            Is.EqualTo(("staffcloud-webhook-acme-hook", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30))));
    }

    private static IEnumerable<TestCaseData> InvalidFiles()
    {
        yield return new TestCaseData(File("""{"sync": {"at": "2026-03-01T02:00:00Z"}}, {"advance": {"to": "2026-03-01T01:00:00Z"}}"""), "steps[1].advance.to")
            .SetName("Advance before an earlier step");
        yield return new TestCaseData(File("""{"advance": {"to": "2026-03-01T03:00:00Z"}}, {"staffcloud": {"notify": "employee.updated", "at": "2026-03-01T02:59:00Z"}}"""), "steps[1].staffcloud.at")
            .SetName("Notify before an earlier step");
        yield return new TestCaseData(File("""{"staffcloud": {"upsert": {}, "at": "2026-03-01T03:00:00Z"}}"""), "steps[0].staffcloud.at").SetName("At without notify");
        yield return new TestCaseData(File("""{"staffcloud": {"notify": "", "at": "2026-03-01T03:00:00Z"}}"""), "steps[0].staffcloud.notify").SetName("Empty event");
        yield return new TestCaseData(File("""{"staffcloud": {"notify": "employee.updated", "at": "tomorrow"}}"""), "steps[0].staffcloud.at").SetName("At not a time");
        yield return new TestCaseData(File("""{"advance": {"to": "2026-03-01T03:00:00Z"}, "sync": {"at": "2026-03-01T03:00:00Z"}}"""), "steps[0]").SetName("Advance beside a sync");
        yield return new TestCaseData(File("""{"advance": {}}"""), "steps[0].advance.to").SetName("Advance without to");
        yield return new TestCaseData(File("", """{"id": "acme", "webhookDebounce": "soon"}"""), "tenant.webhookDebounce").SetName("Debounce not a duration");
        yield return new TestCaseData(File("", """{"id": "acme", "webhookMinInterval": "00:00:10"}"""), "tenant.webhookMinInterval").SetName("Min interval under a minute");
        yield return new TestCaseData(File("", """{"id": "acme", "webhookSecret": "a/b"}"""), "tenant.webhookSecret").SetName("Secret name invalid");
    }

    [TestCaseSource(nameof(InvalidFiles))]
    public void AnInvalidStep_NamesItsField(string json, string field)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioReader.Read(json));
        Assert.That(error!.Field, Is.EqualTo(field), error.Message);
    }

    [Test]
    public async Task DueRunsRun_BeforeALaterSyncStep_AtTheirDueTime_AndNotifyWithoutAtUsesTheClock()
    {
        var scenario = ScenarioReader.Read(File("""
            {"sync": {"at": "2026-03-01T02:00:00Z"}},
            {"staffcloud": {"notify": "employee.updated"}},
            {"sync": {"at": "2026-03-01T14:00:00Z"}}
            """));

        var result = await ScenarioRunner.RunAsync(scenario, SandboxScenarioTests.TestOptions(), CancellationToken.None);
        var output = ScenarioOutput.ToJson(result)["runs"]!.AsArray().Select(r => (r!["at"]!.GetValue<string>(), r["trigger"]!.GetValue<string>())).ToList();

        Assert.That(output, Is.EqualTo(new[] { ("2026-03-01T02:00:00Z", "schedule"), ("2026-03-01T02:05:00Z", "webhook"), ("2026-03-01T14:00:00Z", "schedule") }));
        Assert.That(result.Runs[1].Record.Trigger, Is.EqualTo(RunTrigger.Webhook));
        Assert.That(result.StaffCloudWrites, Is.Zero);
    }

    [Test]
    public async Task TheScenariosTenant_IsRegistered_UnlessItSaysNotificationsFalse_ThenANotifyMakesNoRun()
    {
        var registered = ScenarioReader.Read(File(""));
        var unregistered = ScenarioReader.Read(File("""
            {"sync": {"at": "2026-03-01T02:00:00Z"}},
            {"staffcloud": {"notify": "employee.updated"}},
            {"advance": {"to": "2026-03-01T03:00:00Z"}}
            """, """{"id": "acme", "notifications": false}"""));

        var result = await ScenarioRunner.RunAsync(unregistered, SandboxScenarioTests.TestOptions(), CancellationToken.None);

        Assert.That((registered.Tenant.Notifications, unregistered.Tenant.Notifications), Is.EqualTo((true, false)));
        Assert.That(result.Runs.Select(r => r.Record.Trigger), Is.EqualTo(new[] { RunTrigger.Scheduled }), "the notification was refused: no early run");
    }

    [Test]
    public void TheOutputTrigger_IsTheFormatsWord() => Assert.That(
        new[] { RunTrigger.Scheduled, RunTrigger.Manual, RunTrigger.Webhook }.Select(ScenarioOutput.Trigger),
        Is.EqualTo(new[] { "schedule", "manual", "webhook" }));
}
