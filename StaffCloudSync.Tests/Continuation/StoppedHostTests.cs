using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Dispatch;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Continuation;

/// <summary>
/// "No run is lost to a stopped host" (sync-rules.md) through the real run owner on Azurite, with the fake clock: the
/// host's stop signal, the redelivery of a run whose instance died, and a run that loses its lease. Writes go one at a
/// time, so "stopped after the k-th write" is exact.
/// </summary>
[NonParallelizable]
public sealed class StoppedHostTests
{
    private const int People = 6;

    // One base group and one invitation per person (Plans.Eligible), counted here rather than asked of the planner.
    private const int Writes = People + 1;

    private static readonly TimeSpan Lease = new DispatchOptions().LeaseDuration;

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(Writes - 1)]
    public async Task HostStops_MidApply_RunStopsBetweenWrites_ContinuesUnderTheLease_AndTheContinuationFinishes(int stopAtWrite)
    {
        await using var dispatch = await DispatchHarness.CreateAsync(new SyncOptions { MaxParallelWrites = 1 });
        dispatch.Sync.Seed(Everyone());
        using var host = new CancellationTokenSource();
        dispatch.Sync.MobieTrain.FailWrite = _ =>
        {
            if (dispatch.Sync.MobieTrain.Writes == stopAtWrite)
            {
                host.Cancel();
            }

            return null;
        };

        var first = await dispatch.Runner.RunQueuedAsync(new SyncRequest("acme", "run-1", RunTrigger.Scheduled, false, Plans.Now).ToJson(), "m1", 1, host.Token);
        var writesBeforeStop = dispatch.Sync.MobieTrain.Writes;
        var queued = await dispatch.ReceiveAllAsync();
        dispatch.Sync.MobieTrain.FailWrite = null;
        Assert.That(queued, Has.Length.EqualTo(1), "the continuation is queued at once");
        Assert.That(SyncRequest.TryParse(queued[0].MessageText, out var next, out _), Is.True);
        var other = await dispatch.Leases.TryAcquireAsync("acme", "someone-else", Lease, CancellationToken.None);
        var second = await dispatch.Runner.RunQueuedAsync(queued[0].MessageText, queued[0].MessageId, 1, CancellationToken.None);
        var writesAfterChain = dispatch.Sync.MobieTrain.Writes;
        var after = await dispatch.Sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first!.Status, Is.EqualTo(RunStatus.Continued), first.Reason);
            Assert.That(first.Reason, Does.Contain("the host is stopping").And.Contain($"after {stopAtWrite} writes").And.Contain(next!.RunId));
            Assert.That(writesBeforeStop, Is.EqualTo(stopAtWrite), "the write in flight finished, no other started");
            Assert.That(next.Trigger, Is.EqualTo(RunTrigger.Continuation));
            Assert.That(next.ChainId, Is.EqualTo("run-1"));
            Assert.That(other.HeldByRunId, Is.EqualTo(next.RunId), "the lease passed to the continuation");
            Assert.That(second!.Status, Is.EqualTo(RunStatus.Succeeded), second.Reason);
            Assert.That(writesAfterChain, Is.EqualTo(Writes), "nothing was written twice");
            Assert.That(dispatch.Sync.MobieTrain.Invitations.Select(i => i.ExternalId), Is.EquivalentTo(Enumerable.Range(1, People).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.That(after.Record.Status, Is.EqualTo(RunStatus.Succeeded));
            Assert.That(dispatch.Sync.MobieTrain.Writes, Is.EqualTo(writesAfterChain), "the next run writes nothing");
            Assert.That(dispatch.Sync.Logs.GetSnapshot().Count(r => r.Id.Id == 1523), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Redelivery_WhileItsOwnRunHoldsTheLease_IsNotSkipped_ButDueWhenTheLeaseLapses_ThenRunsAsItsContinuation()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        dispatch.Sync.Seed(Everyone());
        var queue = new RecordingQueue(new StorageSyncQueue(dispatch.Queues));
        var runner = dispatch.Sync.CreateRunner(queue, dispatch.Leases);
        var lapses = dispatch.Sync.Storage.Time.GetUtcNow() + Lease;
        await dispatch.Leases.TryAcquireAsync("acme", "run-1", Lease, CancellationToken.None);
        await dispatch.Sync.Runs.WriteAsync(new RunRecord { TenantId = "acme", RunId = "run-1", StartedAt = Plans.Now, Status = RunStatus.Running }, CancellationToken.None);
        dispatch.Sync.Storage.Time.Advance(TimeSpan.FromMinutes(10));
        var redeliveredAt = dispatch.Sync.Storage.Time.GetUtcNow();

        var record = await runner.RunQueuedAsync(new SyncRequest("acme", "run-1", RunTrigger.Scheduled, false, Plans.Now).ToJson(), "m1", 2, CancellationToken.None);

        var (next, delay) = queue.Sent.Single();
        var visibleNow = await dispatch.ReceiveAllAsync();
        var stranger = await runner.RunQueuedAsync(new SyncRequest("acme", "run-2", RunTrigger.Scheduled, false, Plans.Now).ToJson(), "m2", 1, CancellationToken.None);
        var writesBeforeLapse = dispatch.Sync.MobieTrain.Writes;
        dispatch.Sync.Storage.Time.Advance(delay);
        var resumed = await runner.RunQueuedAsync(next.ToJson(), "m3", 1, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record!.RunId, Is.EqualTo("run-1"));
            Assert.That(record.Status, Is.EqualTo(RunStatus.Continued), "never completed as Skipped");
            Assert.That(record.Reason, Does.Contain("stopped without warning").And.Contain(next.RunId));
            Assert.That(redeliveredAt + delay, Is.EqualTo(lapses + TimeSpan.FromSeconds(5)), "due the margin after the lease lapses");
            Assert.That(next.Trigger, Is.EqualTo(RunTrigger.Continuation));
            Assert.That(next.ChainId, Is.EqualTo("run-1"));
            Assert.That(visibleNow, Is.Empty, "invisible until the lease lapses");
            Assert.That(stranger!.Status, Is.EqualTo(RunStatus.Skipped), "a different run meanwhile is refused as before");
            Assert.That(stranger.Reason, Does.Contain(next.RunId));
            Assert.That(writesBeforeLapse, Is.Zero);
            Assert.That(resumed!.Status, Is.EqualTo(RunStatus.Succeeded), resumed.Reason);
            Assert.That(resumed.Trigger, Is.EqualTo(RunTrigger.Continuation));
            Assert.That(dispatch.Sync.MobieTrain.Invitations, Has.Count.EqualTo(People));
            Assert.That(dispatch.Sync.Logs.GetSnapshot().Count(r => r.Id.Id == 1524), Is.EqualTo(1));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task LeaseNotRenewed_MidApply_StopsBeforeTheNextWrite_AndSaysSo(bool renewalThrows)
    {
        await using var dispatch = await DispatchHarness.CreateAsync(new SyncOptions { MaxParallelWrites = 1 });
        dispatch.Sync.Seed(Everyone());
        var leases = new FailingRenewals(dispatch.Leases, renewalThrows);
        var runner = dispatch.Sync.CreateRunner(leases: leases);
        dispatch.Sync.MobieTrain.FailWrite = _ =>
        {
            if (dispatch.Sync.MobieTrain.Writes == 2)
            {
                // The renewal is due during the second write; the write waits for its answer, as a slow write would.
                dispatch.Sync.Storage.Time.Advance(Lease / 3);
                var logged = renewalThrows ? 1511 : 1512;
                Assert.That(SpinWait.SpinUntil(() => dispatch.Sync.Logs.GetSnapshot().Any(r => r.Id.Id == logged), TimeSpan.FromSeconds(10)), Is.True);
            }

            return null;
        };

        var outcome = await runner.RunInlineAsync(new SyncRequest("acme", "run-1", RunTrigger.Manual, false), null, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(outcome.Record.Reason, Does.StartWith("LeaseLost: ").And.Contain("after 2 writes"));
            Assert.That(outcome.Continuation, Is.Null, "another run may own the tenant: no continuation");
            Assert.That(dispatch.Sync.MobieTrain.Writes, Is.EqualTo(2), "no write after the failed renewal");
            Assert.That(dispatch.Sync.Logs.GetSnapshot().Count(r => r.Id.Id == 1522), Is.EqualTo(1));
        }
    }

    private static Plans Everyone()
    {
        var plans = new Plans();
        for (var id = 1; id <= People; id++)
        {
            plans.Eligible(id);
        }

        return plans;
    }

    /// <summary>The app's queue, remembering each delay it was given (Azurite does not show an invisible message).</summary>
    private sealed class RecordingQueue(ISyncQueue inner) : ISyncQueue
    {
        public List<(SyncRequest Message, TimeSpan Delay)> Sent { get; } = [];

        public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

        public Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
        {
            Sent.Add((message, visibilityDelay));
            return inner.EnqueueAsync(message, visibilityDelay, cancellationToken);
        }
    }

    /// <summary>The table leases, except that every renewal fails: answered "not yours" or thrown (storage unreachable).</summary>
    private sealed class FailingRenewals(ITenantLeases inner, bool throws) : ITenantLeases
    {
        public Task<LeaseResult> TryAcquireAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.TryAcquireAsync(tenantId, runId, duration, cancellationToken);

        public Task<bool> RenewAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken) =>
            throws ? throw new HttpRequestException("storage unreachable") : Task.FromResult(false);

        public Task<bool> HandOverAsync(string tenantId, string fromRunId, string toRunId, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.HandOverAsync(tenantId, fromRunId, toRunId, duration, cancellationToken);

        public Task ReleaseAsync(string tenantId, string runId, CancellationToken cancellationToken) => inner.ReleaseAsync(tenantId, runId, cancellationToken);
    }
}
