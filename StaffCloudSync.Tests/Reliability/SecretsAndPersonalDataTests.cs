using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Reliability;

/// <summary>
/// Everything the app logs (every category, Trace and up) and records, in succeeding and failing runs, searched
/// for the tenants' tokens and keys and for the people's names, e-mail addresses and phone numbers.
/// </summary>
[NonParallelizable]
public class SecretsAndPersonalDataTests
{
    private const string Token = "eyJ-staffcloud-token-9f3c1d";
    private const string Key = "mt-api-key-4b7e2a";

    private static readonly string[] PersonalData =
    [
        "Zebulon", "Quackenbush", "Philippa", "Ravensworth", "zebulon.q@example.org", "pippa.r@example.org", "+41791112233", "79 111 22 33",
        "OldSurname",
    ];

    private static IEnumerable<TestCaseData> Runs()
    {
        yield return new TestCaseData("succeeding", (Action<SandboxEnvironment>)(_ => { }), RunStatus.Succeeded);
        yield return new TestCaseData("with retries", (Action<SandboxEnvironment>)(e =>
        {
            e.StaffCloud.AddFaults([new SimulatorFault { Path = "/employees", Status = 503, Times = 2 }]);
            e.MobieTrain.AddFaults([new SimulatorFault { Path = "/invitations", Method = "POST", Status = 429, RetryAfterSeconds = 1, Times = 1 }]);
        }), RunStatus.Succeeded);
        yield return new TestCaseData("a record refused", (Action<SandboxEnvironment>)(e =>
            e.MobieTrain.AddFaults([new SimulatorFault { Path = "/invitations", Method = "POST", Status = 422, Times = 1 }])), RunStatus.CompletedWithErrors);
        yield return new TestCaseData("a record refused with an address, a phone and the key in MobieTrain's message", (Action<SandboxEnvironment>)(e =>
            e.MobieTrain.AddFaults([new SimulatorFault
            {
                Path = "/invitations", Method = "POST", Status = 422, Times = 1,
                Body = $"{{\"error\": {{\"code\": \"validation\", \"message\": \"zebulon.q@example.org (+41 79 111 22 33) is blocked for key {Key}\"}}}}",
            }])), RunStatus.CompletedWithErrors);
        yield return new TestCaseData("StaffCloud refusing the token", (Action<SandboxEnvironment>)(e => e.StaffCloud.Tenant("acme").Token = "eyJ-rotated-elsewhere"), RunStatus.Failed);
        yield return new TestCaseData("MobieTrain refusing the key", (Action<SandboxEnvironment>)(e => e.MobieTrain.RemoveApiKey(Key)), RunStatus.Failed);
        yield return new TestCaseData("StaffCloud answering garbage", (Action<SandboxEnvironment>)(e =>
            e.StaffCloud.AddFaults([new SimulatorFault { Path = "/employees", Status = 200, Body = "{\"response\": \"Zebulon Quackenbush\"}", Times = 10 }])), RunStatus.Failed);
    }

    [TestCaseSource(nameof(Runs))]
    public async Task NoSecretAndNoPersonalData_InLogsOrRunRecords(string name, Action<SandboxEnvironment> arrange, RunStatus expected)
    {
        var logs = new FakeLogCollector();
        var tenant = new SandboxTenant(Plans.DefaultTenant()) { StaffCloudToken = Token, MobieTrainApiKey = Key };
        await using var environment = await TestSandbox.StartAsync([tenant],
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs))));
        Seed(environment);
        arrange(environment);

        var outcome = await environment.Services.GetRequiredService<TenantRunner>()
            .RunInlineAsync(new SyncRequest("acme", "run-1", RunTrigger.Manual, false), null, CancellationToken.None);

        Assert.That(outcome.Record.Status, Is.EqualTo(expected), outcome.Record.Reason);
        if (name.Contains("MobieTrain's message", StringComparison.Ordinal))
        {
            // What is kept of the refusal: MobieTrain's status, its code and the message with the three masked.
            var failure = outcome.Record.Failures.Single();
            Assert.That((failure.Status, failure.ErrorCode), Is.EqualTo(((int?)422, "validation")));
            Assert.That(failure.Error, Does.EndWith("[email] ([phone]) is blocked for key [key]"));
            Assert.That(logs.GetSnapshot().Count(r => r.Message.Contains("[email] ([phone]) is blocked for key [key]", StringComparison.Ordinal)), Is.GreaterThan(0), "the log line masks it too");
        }

        var stored = await environment.Services.GetRequiredService<RunStore>().GetAsync("acme", "run-1", CancellationToken.None);
        var everything = string.Join("\n", logs.GetSnapshot().Select(r =>
            $"{r.Category} {r.Message} {string.Join(" ", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])} {r.Exception}"))
            + $"\n{stored!.Reason}\n{string.Join("\n", stored.Failures.Select(f => f.Error))}";
        Assert.That(logs.Count, Is.GreaterThan(5), "the runs were logged");
        Assert.Multiple(() =>
        {
            foreach (var secret in new[] { Token, Key })
            {
                Assert.That(everything, Does.Not.Contain(secret), $"{name}: a secret value was logged or recorded");
            }

            foreach (var personal in PersonalData)
            {
                Assert.That(everything, Does.Not.Contain(personal).IgnoreCase, $"{name}: personal data was logged or recorded");
            }
        });
    }

    private static void Seed(SandboxEnvironment environment)
    {
        var staffCloud = environment.StaffCloud.Tenant("acme");
        staffCloud.Seed(StaffCloudResource.Events, [new JsonObject { ["id"] = 10, ["name"] = "Fair", ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00", ["status"] = 2 }]);
        staffCloud.Seed(StaffCloudResource.Employees,
        [
            new JsonObject { ["id"] = 1, ["firstname"] = "Zebulon", ["lastname"] = "Quackenbush", ["email"] = "zebulon.q@example.org", ["mobile"] = "+41 79 111 22 33", ["status"] = 4 },
            new JsonObject { ["id"] = 2, ["firstname"] = "Philippa", ["lastname"] = "Ravensworth", ["email"] = "pippa.r@example.org", ["status"] = 4 },
        ]);
        staffCloud.Seed(StaffCloudResource.Assignments, [new JsonObject { ["id"] = 100, ["employee_id"] = 1, ["event_id"] = 10, ["status"] = 7 }]);
        environment.MobieTrain.Seed("acme", new MobieTrainContents
        {
            // An onboarded account: it carries acme's marker, so the run may write it.
            UserGroups = [new MobieTrainUserGroupResource { Name = "StaffCloud sync: acme", ExternalId = "staffcloud-sync-tenant-acme" }],
            Users = [new MobieTrainUserResource { ExternalId = "2", FirstName = "Philippa", LastName = "OldSurname", Email = "pippa.r@example.org" }],
        });
    }
}
