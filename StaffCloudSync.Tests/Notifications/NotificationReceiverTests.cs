using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Notifications;

/// <summary>
/// sync-rules.md, "Early runs": one due run per tenant at max(first notification + debounce, previous early run's start +
/// minimum interval), queued once with a visibility delay; later notifications join it; the tenant's own secret, one 401
/// for every refusal; bodies never logged. Azurite for the early-run row, the sandbox's queue to see each delay.
/// </summary>
public class NotificationReceiverTests
{
    private static readonly DateTimeOffset T0 = Plans.Now.AddHours(12).AddMinutes(5);

    [Test]
    public async Task TheFirstNotification_MakesOneRunDue_AfterTheDebounce_QueuedWithThatDelay()
    {
        await using var harness = await NotificationHarness.StartAsync();

        var result = await harness.NotifyAsync(T0);

        Assert.That(result.Outcome, Is.EqualTo(NotificationOutcome.Scheduled));
        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(result.DueAt, Is.EqualTo(T0.AddMinutes(5)));
        var queued = harness.Queue.Pending.Single();
        Assert.That(queued.VisibleAt, Is.EqualTo(T0.AddMinutes(5)), "visible at its due time, not before");
        Assert.That((queued.Message.TenantId, queued.Message.Trigger, queued.Message.DryRun), Is.EqualTo(("acme", RunTrigger.Webhook, false)));
        Assert.That(harness.Queue.TakeNextDue(T0.AddMinutes(5).AddSeconds(-1)), Is.Null, "nothing runs before the debounce");
    }

    [Test]
    public async Task LaterNotifications_JoinTheDueRun_AReplayedFloodQueuesNothingMore()
    {
        await using var harness = await NotificationHarness.StartAsync();
        await harness.NotifyAsync(T0);

        var joined = new List<NotificationResult>();
        for (var i = 1; i <= 200; i++)
        {
            joined.Add(await harness.NotifyAsync(T0.AddSeconds(i)));
        }

        Assert.That(joined.Select(j => j.Outcome), Has.All.EqualTo(NotificationOutcome.Joined));
        Assert.That(joined.Select(j => j.DueAt), Has.All.EqualTo(T0.AddMinutes(5)), "the first notification fixes the due time");
        Assert.That(harness.Queue.Pending, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentNotifications_MakeExactlyOneDueRun()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Environment.Clock.Set(T0);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            harness.NotifyRawAsync("acme", harness.Secret, Encoding.UTF8.GetBytes("{}"))));

        Assert.That(results.Count(r => r.Outcome == NotificationOutcome.Scheduled), Is.EqualTo(1), string.Join(", ", results.Select(r => r.Outcome)));
        Assert.That(results.Count(r => r.Outcome == NotificationOutcome.Joined), Is.EqualTo(39));
        Assert.That(harness.Queue.Pending, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task OnceTheRunStarted_TheNextIsDueAtTheMinimumIntervalFromItsStart_OrTheDebounceIfLater()
    {
        await using var harness = await NotificationHarness.StartAsync();
        await harness.NotifyAsync(T0);
        var first = harness.Queue.TakeNextDue(T0.AddMinutes(5))!;
        await harness.StartRunAsync(first, T0.AddMinutes(5));

        var soon = await harness.NotifyAsync(T0.AddMinutes(6));
        var second = harness.Queue.TakeNextDue(soon.DueAt!.Value)!;
        await harness.StartRunAsync(second, soon.DueAt.Value);
        var late = await harness.NotifyAsync(soon.DueAt.Value.AddMinutes(40));

        Assert.That(soon.Outcome, Is.EqualTo(NotificationOutcome.Scheduled), "the started run is no longer the due one");
        Assert.That(soon.DueAt, Is.EqualTo(T0.AddMinutes(5 + 15)), "15 minutes after the previous early run's start, not 5 after the notification");
        Assert.That(late.DueAt, Is.EqualTo(soon.DueAt.Value.AddMinutes(40 + 5)), "long after the last run, the debounce alone counts");
        var row = await harness.Schedule.GetAsync("acme", CancellationToken.None);
        Assert.That((row.LastRunId, row.LastRunStartedAt), Is.EqualTo((second.Message.RunId, soon.DueAt.Value)));
    }

    [Test]
    public async Task TheTenantsOwnDebounceAndInterval_Count()
    {
        await using var harness = await NotificationHarness.StartAsync(Plans.DefaultTenant() with
        {
            WebhookDebounce = TimeSpan.FromMinutes(2),
            WebhookMinInterval = TimeSpan.FromMinutes(30),
        });

        var first = await harness.NotifyAsync(T0);
        await harness.StartRunAsync(harness.Queue.TakeNextDue(first.DueAt!.Value)!, first.DueAt.Value);
        var next = await harness.NotifyAsync(T0.AddMinutes(3));

        Assert.That((first.DueAt, next.DueAt), Is.EqualTo((T0.AddMinutes(2), T0.AddMinutes(2 + 30))));
    }

    [Test]
    public async Task ARedeliveredMessage_OfAnEarlierRun_DoesNotClearTheNextDueRun()
    {
        await using var harness = await NotificationHarness.StartAsync();
        await harness.NotifyAsync(T0);
        var first = harness.Queue.TakeNextDue(T0.AddMinutes(5))!;
        await harness.StartRunAsync(first, T0.AddMinutes(5));
        var next = await harness.NotifyAsync(T0.AddMinutes(6));

        await harness.StartRunAsync(first, T0.AddMinutes(7));
        var joined = await harness.NotifyAsync(T0.AddMinutes(8));

        Assert.That(joined.Outcome, Is.EqualTo(NotificationOutcome.Joined));
        Assert.That(joined.DueAt, Is.EqualTo(next.DueAt));
    }

    [Test]
    public async Task ADueRunThatNeverStarted_IsTakenAsLostAfterAnHour_AndANewOneIsScheduled()
    {
        await using var harness = await NotificationHarness.StartAsync();
        await harness.NotifyAsync(T0);
        _ = harness.Queue.TakeNextDue(T0.AddMinutes(5));

        var stillJoined = await harness.NotifyAsync(T0.AddMinutes(5) + EarlyRunSchedule.LostAfter);
        var rescheduled = await harness.NotifyAsync(T0.AddMinutes(5) + EarlyRunSchedule.LostAfter + TimeSpan.FromSeconds(1));

        Assert.That(stillJoined.Outcome, Is.EqualTo(NotificationOutcome.Joined));
        Assert.That(rescheduled.Outcome, Is.EqualTo(NotificationOutcome.Scheduled));
        Assert.That(harness.LoggedEventIds(), Does.Contain(1608));
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData("acme", "wrong-secret").SetName("Wrong secret");
        yield return new TestCaseData("acme", null).SetName("No secret");
        yield return new TestCaseData("acme", "").SetName("Empty secret");
        yield return new TestCaseData("nobody", "wrong-secret").SetName("Unknown tenant");
        yield return new TestCaseData("../acme", "wrong-secret").SetName("Not a tenant id");
        yield return new TestCaseData(null, "wrong-secret").SetName("No tenant id");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task EveryRefusal_IsTheSame401_AndChangesNothing(string? tenantId, string? secret)
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Environment.Clock.Set(T0);

        var result = await harness.NotifyRawAsync(tenantId, secret, Encoding.UTF8.GetBytes("""{"event":"employee.updated"}"""));

        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(JsonSerializer.Serialize(result.Body()), Is.EqualTo("""{"error":"unauthorized"}"""), "nothing tells one refusal from another");
        Assert.That(harness.Queue.Pending, Is.Empty);
        Assert.That(await harness.Schedule.GetAsync("acme", CancellationToken.None), Is.EqualTo(EarlyRunState.None), "no row was written");
        Assert.That(harness.Logs.GetSnapshot().Count(r => r.Message.StartsWith("Notification refused (401)", StringComparison.Ordinal)), Is.EqualTo(1), "one line per refusal");
        Assert.That(harness.LoggedEventIds(), Does.Contain(tenantId == "acme" ? 1603 : 1610));
        Assert.That(harness.AllLogText(), Does.Not.Contain(harness.Secret).And.Not.Contain("wrong-secret").And.Not.Contain("../acme"));
    }

    [Test]
    public async Task ATenantWhoseRowIsInvalid_Is401_AndTheLogNamesTheFields()
    {
        await using var harness = await NotificationHarness.StartAsync();
        var table = await harness.Environment.Services.GetRequiredService<Core.Platform.Storage.StorageTables>().Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "broken")
        {
            ["StaffCloudApiTenant"] = "broken", ["MobieTrainAccountId"] = "broken", ["TimeZone"] = "Mars/Olympus", ["Notifications"] = true,
        });

        var result = await harness.NotifyAsync(T0, secret: harness.Secret, tenantId: "broken");

        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(harness.Queue.Pending, Is.Empty);
        Assert.That(harness.Logs.GetSnapshot().Single(r => r.Id.Id == 1603).Message, Does.Contain("tenant broken").And.Contain("its row is invalid (TimeZone)"));
    }

    [Test]
    public async Task ATenantWithoutItsSecretInKeyVault_Is401_AndTheLogNamesTheSecretToCreate()
    {
        await using var harness = await NotificationHarness.StartAsync(Plans.DefaultTenant() with { WebhookSecret = "staffcloud-webhook-never-created" },
            appSettings: new Dictionary<string, string?> { ["Secrets:Values:staffcloud-webhook-never-created"] = "" });

        var result = await harness.NotifyAsync(T0, secret: "anything");

        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(harness.Logs.GetSnapshot().Single(r => r.Id.Id == 1604).Message, Does.Contain("staffcloud-webhook-never-created").And.Contain("acme"));
    }

    [TestCase(NotificationBody.MaxBytes, HttpStatusCode.Accepted)]
    [TestCase(NotificationBody.MaxBytes + 1, HttpStatusCode.RequestEntityTooLarge)]
    [TestCase(10 * 1024 * 1024, HttpStatusCode.RequestEntityTooLarge)]
    public async Task BodiesOver64KiB_Are413_AndMakeNoRun(int size, HttpStatusCode expected)
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Environment.Clock.Set(T0);

        var result = await harness.NotifyRawAsync("acme", harness.Secret, Encoding.UTF8.GetBytes(new string(' ', size)));

        Assert.That(result.Status, Is.EqualTo(expected));
        Assert.That(harness.Queue.Pending, Has.Count.EqualTo(expected == HttpStatusCode.Accepted ? 1 : 0));
    }

    [TestCase("", "empty")]
    [TestCase("not json at all: Ana Lopez, ana@example.com", "not JSON")]
    [TestCase("{\"event\": \"employee.updated\", \"employee\": {\"email\": \"ana@example.com\"", "not JSON")]
    [TestCase("email=ana%40example.com&event=employee.updated", "not JSON")]
    [TestCase("[1, 2, 3]", "json")]
    public async Task MalformedEmptyAndNonJsonBodies_FromStaffCloud_StillMakeOneRun_AndAreNeverLogged(string body, string shape)
    {
        await using var harness = await NotificationHarness.StartAsync();

        var first = await harness.NotifyAsync(T0, body: body);
        var second = await harness.NotifyAsync(T0.AddSeconds(1), body: body);

        Assert.That((first.Outcome, second.Outcome), Is.EqualTo((NotificationOutcome.Scheduled, NotificationOutcome.Joined)));
        Assert.That(harness.Queue.Pending, Has.Count.EqualTo(1));
        var line = harness.Logs.GetSnapshot().First(r => r.Id.Id == 1600);
        Assert.That(line.Message, Does.Contain($"unknown ({Encoding.UTF8.GetByteCount(body)} bytes, {shape})"));
        Assert.That(harness.AllLogText(), Does.Not.Contain("ana@example.com").And.Not.Contain("ana%40example.com").And.Not.Contain("Lopez"));
    }

    [Test]
    public async Task ADisabledTenant_IgnoresNotifications_Logged()
    {
        await using var harness = await NotificationHarness.StartAsync(Plans.DefaultTenant() with { Enabled = false });

        var result = await harness.NotifyAsync(T0);
        var wrong = await harness.NotifyAsync(T0, secret: "wrong");

        Assert.That((result.Status, result.Outcome), Is.EqualTo((HttpStatusCode.Accepted, NotificationOutcome.Ignored)));
        Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the secret is checked first: a caller without it learns nothing");
        Assert.That(harness.Queue.Pending, Is.Empty);
        Assert.That(harness.Logs.GetSnapshot().Single(r => r.Id.Id == 1602).Message, Does.Contain("acme").And.Contain("disabled"));
    }

    [Test]
    public async Task AQuarantinedTenant_IgnoresNotifications_Logged()
    {
        await using var harness = await NotificationHarness.StartAsync();
        await harness.Environment.Services.GetRequiredService<TenantStore>().UpdateHealthAsync("acme",
            _ => new TenantHealth(3, Plans.Now, "Authentication: token refused", null), CancellationToken.None);

        var result = await harness.NotifyAsync(T0);

        Assert.That(result.Outcome, Is.EqualTo(NotificationOutcome.Ignored));
        Assert.That(harness.Queue.Pending, Is.Empty);
        Assert.That(harness.Logs.GetSnapshot().Single(r => r.Id.Id == 1602).Message, Does.Contain("quarantined"));
    }

    [Test]
    public async Task AQueueThatFails_Is503_AndLeavesNoDueRunBehind_SoTheNextNotificationSchedulesOne()
    {
        var failing = new FailingOnceQueue();
        await using var harness = await NotificationHarness.StartAsync(configureServices: services => services.AddSingleton<ISyncQueue>(failing));

        var refused = await harness.NotifyAsync(T0);
        var accepted = await harness.NotifyAsync(T0.AddMinutes(1));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(accepted.Outcome, Is.EqualTo(NotificationOutcome.Scheduled));
        Assert.That(failing.Sent, Has.Count.EqualTo(1));
        Assert.That(harness.Logs.GetSnapshot().Single(r => r.Id.Id == 1606).Message, Does.Contain("InvalidOperationException").And.Contain("scheduling"));
    }

    /// <summary>A queue that is down for the first message.</summary>
    private sealed class FailingOnceQueue : ISyncQueue
    {
        private int calls;

        public List<SyncRequest> Sent { get; } = [];

        public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

        public Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("queue unreachable");
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
