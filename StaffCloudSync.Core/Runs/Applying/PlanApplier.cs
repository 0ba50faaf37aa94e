using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs.Applying;

/// <summary>Step 3 of a run. A write MobieTrain refuses fails that record only; any other error stops the run.</summary>
public sealed class PlanApplier(IMobieTrainClient client, IOptions<SyncOptions> options, ILogger<PlanApplier> logger)
{
    // Until the plan is done or the budget is spent: then no write starts, those in flight finish.
    public async Task<ApplyResult> ApplyAsync(MobieTrainWriteTarget target, SyncPlan plan, RunBudget budget, CancellationToken cancellationToken)
    {
        var writes = new PlannedWrites(client, target);
        using var run = new ApplyRun(target, options.Value.MaxParallelWrites, options.Value.MaxConsecutiveTransientFailures, budget, logger, cancellationToken);
        foreach (var listed in plan.Actions.Where(a => a is SkipAction or HoldDeletionAction))
            run.Counter.Count(listed);

        RunProgressTracker.Current?.Applying(plan.Actions.Count(a => a is not (SkipAction or HoldDeletionAction)));
        // Groups first, so every later write finds its groups.
        await run.PhaseAsync(RunProgress.Groups, plan.Actions.OfType<CreateGroupAction>(), writes.CreateGroupAsync);
        await run.PhaseAsync(RunProgress.Groups, plan.Actions.OfType<RenameGroupAction>(), writes.RenameGroupAsync);
        await run.PhaseAsync(RunProgress.Removals, plan.Actions.Where(a => a is RemoveUserAction or RemoveInvitationAction or ExpireInvitationAction or WithdrawInvitationAction),
            writes.RemoveAsync);

        // Replacements and updates in the planner's waves: a change whose new address another change frees runs after it.
        var changes = plan.Actions.Where(a => a is ReplaceInvitationAction or UpdateUserAction or UpdateInvitationAction).ToList();
        foreach (var wave in changes.GroupBy(WaveOf).OrderBy(g => g.Key))
            await run.PhaseAsync(RunProgress.Changes, wave, writes.ChangeAsync);

        // New invitations last: every address this run gives up is free by then.
        await run.PhaseAsync(RunProgress.Invitations, plan.Actions.OfType<InviteAction>(), writes.InviteAsync);
        return run.Result();
    }

    private static int WaveOf(SyncAction action) => action switch { ReplaceInvitationAction r => r.Wave, UpdateUserAction u => u.Wave, _ => 0 };
}

/// <summary>What applying a plan did. <see cref="Completed"/> lets an approval of deletions keep exactly the persons not yet deleted.</summary>
public sealed record ApplyResult(SyncCounts Counts, IReadOnlyList<RecordFailure> Failures, Exception? RunLevelError, IReadOnlyList<SyncAction> Completed)
{
    public bool BudgetSpent { get; init; }

    // The plan's counts, as if every write had succeeded.
    public static ApplyResult DryRun(SyncPlan plan) => new(plan.PlannedCounts(), [], null, []);
}

/// <summary>An invocation's time budget, on elapsed time: the sandbox's scenario clock stands still during a step, the budget must not.</summary>
public sealed class RunBudget(TimeProvider time, long startedTimestamp, TimeSpan budget, CancellationToken stop = default)
{
    public TimeSpan Budget { get; } = budget;

    // Unlike a spent budget, not even the invocation's first write may start.
    public bool IsStopped => stop.IsCancellationRequested;

    public bool IsSpent => Budget != TimeSpan.MaxValue && time.GetElapsedTime(startedTimestamp) >= Budget;
}
