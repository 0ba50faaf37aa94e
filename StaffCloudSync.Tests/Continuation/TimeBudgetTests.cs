using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Dispatch;
using StaffCloudSync.Tests.Engine;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Continuation;

/// <summary>
/// The time budget (sync-rules.md, "Time budget") through the real service: each MobieTrain write advances the fake
/// clock one second, so a budget of ten seconds is spent after ten writes, exactly, every time.
/// </summary>
public sealed class TimeBudgetTests
{
    private static readonly SyncOptions TenSecondBudget = new() { RunTimeBudget = TimeSpan.FromSeconds(10), MaxParallelWrites = 1 };

    [Test]
    public async Task RunPastItsBudget_Continues_AndTheChainWritesEachRecordOnce()
    {
        var plans = new Plans();
        for (var id = 1; id <= 25; id++)
        {
            plans.Eligible(id);
        }

        await using var sync = (await SyncHarness.CreateAsync(sync: TenSecondBudget)).Seed(plans);
        sync.MobieTrain.FailWrite = _ => { sync.Storage.Time.Advance(TimeSpan.FromSeconds(1)); return null; };

        var outcomes = await sync.RunChainAsync(new SyncRequest("acme", SyncRequest.NewRunId(), RunTrigger.Manual, false));

        var writesAfterChain = sync.MobieTrain.Writes;
        var after = await sync.RunAsync();
        var records = outcomes.Select(o => o.Record).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Continued, RunStatus.Continued, RunStatus.Succeeded }));
            Assert.That(records.Select(r => r.Trigger), Is.EqualTo(new[] { RunTrigger.Manual, RunTrigger.Continuation, RunTrigger.Continuation }));
            Assert.That(records.Select(r => r.Invocation), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(records.Select(r => r.ChainId).Distinct(), Is.EqualTo(new[] { records[0].RunId }));
            Assert.That(records.Select(r => r.Counts.MinimalWrites), Is.EqualTo(new[] { 10, 10, 6 }), "one group and 25 invitations, ten writes an invocation");
            Assert.That(writesAfterChain, Is.EqualTo(26), "the chain's writes are the minimal count: nothing redone");
            Assert.That(sync.MobieTrain.Invitations.Select(i => i.ExternalId).Distinct().Count(), Is.EqualTo(25));
            Assert.That(records[0].Reason, Does.Contain("time budget").And.Contain(records[1].RunId));
            Assert.That(after.Record.Status, Is.EqualTo(RunStatus.Succeeded));
            Assert.That(sync.MobieTrain.Writes, Is.EqualTo(writesAfterChain), "the run after the chain writes nothing");
        }
    }

    [Test]
    public async Task ChainPastMaxContinuations_FailsSayingSo()
    {
        var plans = new Plans();
        for (var id = 1; id <= 25; id++)
        {
            plans.Eligible(id);
        }

        await using var sync = (await SyncHarness.CreateAsync(sync: new SyncOptions { RunTimeBudget = TimeSpan.FromSeconds(10), MaxParallelWrites = 1, MaxContinuations = 1 })).Seed(plans);
        sync.MobieTrain.FailWrite = _ => { sync.Storage.Time.Advance(TimeSpan.FromSeconds(1)); return null; };

        var chain = await sync.RunChainAsync(new SyncRequest("acme", SyncRequest.NewRunId(), RunTrigger.Manual, false));
        Assert.That(chain, Has.Count.EqualTo(2), "the chain ends at its limit");
        var (first, second) = (chain[0], chain[1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Record.Status, Is.EqualTo(RunStatus.Continued));
            Assert.That(second.Record.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(second.Record.Reason, Does.Contain("a chain may have at most 1 continuations"));
            Assert.That(second.Continuation, Is.Null);
            Assert.That(second.Retryable, Is.False, "the queue must not retry it into another chain");
        }
    }

    [Test]
    public async Task DryRun_NeverStopsAtTheBudget()
    {
        var plans = new Plans();
        for (var id = 1; id <= 25; id++)
        {
            plans.Eligible(id);
        }

        await using var sync = (await SyncHarness.CreateAsync(sync: TenSecondBudget)).Seed(plans);
        sync.Storage.Time.Advance(TimeSpan.FromHours(1));

        var outcome = await sync.RunAsync(dryRun: true);

        Assert.That((outcome.Record.Status, outcome.Record.Counts.Invited, outcome.Continuation), Is.EqualTo((RunStatus.Succeeded, 25, (SyncRequest?)null)));
    }

    [Test]
    public async Task QueueHandler_QueuesTheContinuationAtOnce_AndHandsItTheLease()
    {
        await using var dispatch = await DispatchHarness.CreateAsync(TenSecondBudget);
        var plans = new Plans();
        for (var id = 1; id <= 15; id++)
        {
            plans.Eligible(id);
        }

        dispatch.Sync.Seed(plans);
        dispatch.Sync.MobieTrain.FailWrite = _ => { dispatch.Sync.Storage.Time.Advance(TimeSpan.FromSeconds(1)); return null; };
        var message = new SyncRequest("acme", SyncRequest.NewRunId(), RunTrigger.Scheduled, false, Plans.Now);

        var first = await dispatch.Runner.RunQueuedAsync(message.ToJson(), "m1", 1, CancellationToken.None);
        var queued = await dispatch.ReceiveAllAsync();
        Assert.That(SyncRequest.TryParse(queued.Single().MessageText, out var next, out _), Is.True);
        var intruder = await dispatch.Leases.TryAcquireAsync("acme", "someone-else", TimeSpan.FromMinutes(35), CancellationToken.None);
        var second = await dispatch.Runner.RunQueuedAsync(queued.Single().MessageText, queued.Single().MessageId, 1, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first!.Status, Is.EqualTo(RunStatus.Continued));
            Assert.That((next!.Trigger, next.ChainId, next.Invocation), Is.EqualTo((RunTrigger.Continuation, message.RunId, 2)));
            Assert.That(intruder.Acquired, Is.False, "between two invocations the lease belongs to the continuation");
            Assert.That(intruder.HeldByRunId, Is.EqualTo(next.RunId));
            Assert.That(second!.Status, Is.EqualTo(RunStatus.Succeeded), second.Reason);
            Assert.That(second.Invocation, Is.EqualTo(2));
            Assert.That(dispatch.Sync.MobieTrain.Writes, Is.EqualTo(16));
            Assert.That((await dispatch.Leases.TryAcquireAsync("acme", "after", TimeSpan.FromMinutes(35), CancellationToken.None)).Acquired, Is.True, "the last invocation gives it back");
        }
    }

    [Test]
    public async Task HandedOverLease_IsTakenOnceByItsContinuation_AndThenRefusedToASecondDelivery()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        var leases = dispatch.Leases;
        var duration = TimeSpan.FromMinutes(35);
        await leases.TryAcquireAsync("acme", "run-1", duration, CancellationToken.None);

        var handed = await leases.HandOverAsync("acme", "run-1", "run-2", duration, CancellationToken.None);
        var notHolder = await leases.HandOverAsync("acme", "run-1", "run-3", duration, CancellationToken.None);
        var taken = await leases.TryAcquireAsync("acme", "run-2", duration, CancellationToken.None);
        var again = await leases.TryAcquireAsync("acme", "run-2", duration, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((handed, notHolder), Is.EqualTo((true, false)));
            Assert.That(taken.Acquired, Is.True);
            Assert.That(again.IsHeldBy("run-2"), Is.True, "a second delivery of the running continuation is refused");
        }
    }

    [TestCase("00:40:00", "00:35:00")]
    [TestCase("00:35:00", "00:35:00")]
    [TestCase("00:31:00", "01:00:00")]
    public void BudgetNotUnderTheLeaseAndTheFunctionsTimeout_IsRefusedNamingBoth(string budget, string lease)
    {
        var sync = Microsoft.Extensions.Options.Options.Create(new SyncOptions { RunTimeBudget = TimeSpan.Parse(budget, System.Globalization.CultureInfo.InvariantCulture) });
        var result = new DispatchOptionsValidator(sync).Validate(null, new DispatchOptions { LeaseDuration = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Sync:RunTimeBudget").And.Contain("Dispatch:LeaseDuration"));
    }

    [Test]
    public void BudgetOfSecondsUnderTheLease_IsValid()
    {
        var sync = Microsoft.Extensions.Options.Options.Create(new SyncOptions { RunTimeBudget = TimeSpan.FromSeconds(3) });
        Assert.That(new DispatchOptionsValidator(sync).Validate(null, new DispatchOptions()).Succeeded, Is.True);
    }
}
