using System.Text;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Dispatch;

/// <summary>Fan-out, the queue handler (malformed messages, one run per tenant) and the poison handler, on Azurite.</summary>
[NonParallelizable]
public class DispatchTests
{
    [Test]
    public async Task Dispatch_QueuesOneBase64MessagePerEnabledTenant()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        await dispatch.Sync.Tenants.AddAsync(Plans.DefaultTenant() with { TenantId = "beta", StaffCloudApiTenant = "beta", MobieTrainAccountId = "beta" }, CancellationToken.None);
        await dispatch.Sync.Tenants.AddAsync(Plans.DefaultTenant() with { TenantId = "gamma", StaffCloudApiTenant = "gamma", MobieTrainAccountId = "gamma", Enabled = false }, CancellationToken.None);

        var result = await dispatch.Dispatcher.DispatchAsync(isPastDue: false, CancellationToken.None);

        Assert.That(result.Queued, Is.EquivalentTo(new[] { "acme", "beta" }));
        Assert.That(result.Disabled, Is.EqualTo(1));
        var raw = await dispatch.PeekRawAsync();
        Assert.That(raw, Has.Count.EqualTo(2));
        var decoded = raw.Select(r => Encoding.UTF8.GetString(Convert.FromBase64String(r))).ToList();
        var messages = decoded.Select(d => SyncRequest.TryParse(d, out var m, out _) ? m : null).ToList();
        Assert.That(messages.Select(m => m?.TenantId), Is.EquivalentTo(new[] { "acme", "beta" }));
        Assert.That(messages, Has.All.Matches<SyncRequest?>(m => m!.Trigger == RunTrigger.Scheduled && !m.DryRun && m.RequestedAt == Plans.Now && m.RunId.Length == 32));
    }

    [Test]
    public async Task Dispatch_LogsRowsSharingAnAccount_AndStillQueuesThemSoTheirRunsSaySo()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        var table = await dispatch.Sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "acme-copy") { ["StaffCloudApiTenant"] = "acme", ["MobieTrainAccountId"] = "other" });

        var result = await dispatch.Dispatcher.DispatchAsync(isPastDue: false, CancellationToken.None);

        Assert.That(result.Queued, Is.EquivalentTo(new[] { "acme", "acme-copy" }));
        var logged = dispatch.Sync.Logs.GetSnapshot().Where(r => r.Id.Id == 1508).ToList();
        Assert.That(logged.Select(l => l.StructuredState!.Single(p => p.Key == "TenantId").Value), Is.EquivalentTo(new[] { "acme", "acme-copy" }));
        Assert.That(logged, Has.All.Matches<Microsoft.Extensions.Logging.Testing.FakeLogRecord>(l => l.Message.Contains("StaffCloudApiTenant", StringComparison.Ordinal)));
    }

    [Test]
    public async Task QueuedMessage_RunsTheTenantAndWritesItsRunRecord()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        dispatch.Sync.Seed(new Plans().Eligible(1));
        await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);
        var message = (await dispatch.ReceiveAllAsync()).Single();

        var record = await dispatch.Runner.RunQueuedAsync(message.MessageText, message.MessageId, message.DequeueCount, CancellationToken.None);

        Assert.That(record!.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(record.Trigger, Is.EqualTo(RunTrigger.Scheduled));
        Assert.That(dispatch.Sync.MobieTrain.Invitations.Single().ExternalId, Is.EqualTo("1"));
        var stored = await dispatch.Sync.Runs.GetAsync("acme", record.RunId, CancellationToken.None);
        Assert.That(stored!.Counts.Invited, Is.EqualTo(1));
        Assert.That((await dispatch.Leases.TryAcquireAsync("acme", "other", TimeSpan.FromMinutes(1), CancellationToken.None)).Acquired, Is.True, "the lease was given back");
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("{\"tenantId\": \"acme\"}")]
    [TestCase("{\"tenantId\": \"a/b\", \"runId\": \"r1\", \"trigger\": \"Manual\"}")]
    [TestCase("{\"tenantId\": \"acme\", \"runId\": \"r1\", \"trigger\": \"Sometimes\"}")]
    public async Task MalformedMessage_IsLoggedWithItsIdAndDroppedWithoutRetry(string text)
    {
        await using var dispatch = await DispatchHarness.CreateAsync();

        var record = await dispatch.Runner.RunQueuedAsync(text, "msg-42", 1, CancellationToken.None);

        Assert.That(record, Is.Null);
        var log = dispatch.Sync.Logs.GetSnapshot().Single(r => r.Id.Id == 1502);
        Assert.That(log.Message, Does.Contain("msg-42"));
        Assert.That(dispatch.Sync.MobieTrain.Writes + dispatch.Sync.StaffCloud.Requests, Is.Zero);
    }

    [Test]
    public async Task SecondConcurrentRunOfATenant_EndsSkippedWithAReason()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        dispatch.Sync.Seed(new Plans().Eligible(1));
        await dispatch.Leases.TryAcquireAsync("acme", "run-in-progress", TimeSpan.FromMinutes(35), CancellationToken.None);
        var message = new SyncRequest("acme", "second-run", RunTrigger.Manual, false, Plans.Now);

        var record = await dispatch.Runner.RunQueuedAsync(message.ToJson(), "m1", 1, CancellationToken.None);

        Assert.That(record!.Status, Is.EqualTo(RunStatus.Skipped));
        Assert.That(record.Reason, Does.Contain("run-in-progress"));
        Assert.That(dispatch.Sync.MobieTrain.Writes, Is.Zero);
        Assert.That((await dispatch.Sync.Runs.GetAsync("acme", "second-run", CancellationToken.None))!.Status, Is.EqualTo(RunStatus.Skipped));
    }

    [Test]
    public async Task LeaseOfAKilledRun_ExpiresAndNoLongerBlocksTheTenant()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        dispatch.Sync.Seed(new Plans().Eligible(1));
        await dispatch.Leases.TryAcquireAsync("acme", "killed-run", TimeSpan.FromMinutes(35), CancellationToken.None);
        dispatch.Sync.Storage.Time.Advance(TimeSpan.FromMinutes(36));

        var record = await dispatch.Runner.RunQueuedAsync(new SyncRequest("acme", "next-run", RunTrigger.Scheduled, false, Plans.Now).ToJson(), "m1", 1, CancellationToken.None);

        Assert.That(record!.Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public async Task RedeliveredMessageAfterItsRunGaveTheLeaseBack_RunsAgain()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        dispatch.Sync.Seed(new Plans().Eligible(1));
        await dispatch.Leases.TryAcquireAsync("acme", "run-1", TimeSpan.FromMinutes(35), CancellationToken.None);
        await dispatch.Leases.ReleaseAsync("acme", "run-1", CancellationToken.None);

        var record = await dispatch.Runner.RunQueuedAsync(new SyncRequest("acme", "run-1", RunTrigger.Scheduled, false, Plans.Now).ToJson(), "m1", 2, CancellationToken.None);

        Assert.That(record!.Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public async Task TransientFailure_IsRethrownForTheQueueToRetry_OtherFailuresAreNot()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        dispatch.Sync.StaffCloud.Failure = new HttpRequestException("connection refused");
        var message = new SyncRequest("acme", "r1", RunTrigger.Scheduled, false, Plans.Now).ToJson();

        Assert.ThrowsAsync<SyncRetryException>(() => dispatch.Runner.RunQueuedAsync(message, "m1", 1, CancellationToken.None));

        dispatch.Sync.StaffCloud.Failure = new SyncRunException("acme", SyncFailureKind.Authentication, "401");
        var record = await dispatch.Runner.RunQueuedAsync(new SyncRequest("acme", "r2", RunTrigger.Scheduled, false, Plans.Now).ToJson(), "m2", 1, CancellationToken.None);
        Assert.That(record!.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public async Task PoisonMessage_IsRecordedAgainstTheTenant_AndLoggedForTheAlert()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        var message = new SyncRequest("acme", "r-poison", RunTrigger.Scheduled, false, Plans.Now);

        await dispatch.Poison.HandleAsync(message.ToJson(), "m-9", CancellationToken.None);

        var stored = await dispatch.Sync.Runs.GetAsync("acme", "r-poison", CancellationToken.None);
        Assert.That(stored!.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(stored.Reason, Does.Contain("tenant-sync-poison"));
        var log = dispatch.Sync.Logs.GetSnapshot().Single(r => r.Id.Id == 1505);
        Assert.That(log.Level, Is.EqualTo(Microsoft.Extensions.Logging.LogLevel.Error));
        Assert.That(log.Message, Does.StartWith("PoisonMessage:"));
    }
}
