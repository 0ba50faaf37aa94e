using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Tests.Engine;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Continuation;

/// <summary>What an inline run tells a live display: its phases in order, and each invocation's writes done of planned.</summary>
public class RunProgressTests
{
    [Test]
    public async Task AChain_ReportsEachInvocationsPhases_AndItsWritesDoneOfPlanned()
    {
        var plans = new Plans();
        for (var id = 1; id <= 25; id++)
        {
            plans.Eligible(id);
        }

        await using var sync = (await SyncHarness.CreateAsync(sync: new SyncOptions { RunTimeBudget = TimeSpan.FromSeconds(10), MaxParallelWrites = 1 })).Seed(plans);
        sync.MobieTrain.FailWrite = _ => { sync.Storage.Time.Advance(TimeSpan.FromSeconds(1)); return null; };
        var reports = new Recorded();

        await sync.Runner.RunInlineAsync(new SyncRequest("acme", SyncRequest.NewRunId(), RunTrigger.Manual, false), null, reports, CancellationToken.None);

        var phases = reports.All.Select(r => $"{r.Invocation} {r.Phase}").Distinct().ToList();
        Assert.That(phases, Is.EqualTo(new[]
        {
            "1 lease", "1 read", "1 plan", "1 apply", "1 apply: groups", "1 apply: invitations",
            "2 read", "2 plan", "2 apply", "2 apply: invitations",
            "3 read", "3 plan", "3 apply", "3 apply: invitations",
        }));
        var lastOfEach = reports.All.GroupBy(r => r.Invocation).Select(g => $"{g.Last().WritesDone} of {g.Last().WritesPlanned}");
        Assert.That(lastOfEach, Is.EqualTo(new[] { "10 of 26", "10 of 16", "6 of 6" }), "ten writes an invocation, each planning what is left");
        Assert.That(reports.All.Select(r => r.TenantId).Distinct(), Is.EqualTo(new[] { "acme" }));
    }

    [Test]
    public async Task FailedWrites_CountAsDone_AndARunWithoutAListener_ReportsNothing()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).Eligible(2));
        sync.MobieTrain.FailWrite = _ => new Core.Partners.MobieTrain.MobieTrainRecordException("refused", 422);
        var reports = new Recorded();

        await sync.Runner.RunInlineAsync(new SyncRequest("acme", SyncRequest.NewRunId(), RunTrigger.Manual, false), null, reports, CancellationToken.None);
        var countBefore = reports.All.Count;
        await sync.RunAsync();

        Assert.That(reports.All[^1].WritesDone, Is.EqualTo(reports.All[^1].WritesPlanned), "a refused write is finished too");
        Assert.That(reports.All, Has.Count.EqualTo(countBefore), "the listener was the first run's only");
    }

    /// <summary>Reports arrive from parallel writes: kept under a lock, in arrival order.</summary>
    private sealed class Recorded : IProgress<RunProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<RunProgress> _all = [];

        public List<RunProgress> All
        {
            get
            {
                lock (_gate)
                {
                    return [.. _all];
                }
            }
        }

        public void Report(RunProgress value)
        {
            lock (_gate)
            {
                _all.Add(value);
            }
        }
    }
}
