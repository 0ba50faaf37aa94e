using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs.Applying;

/// <summary>Step 3 of a run: executes a plan against MobieTrain in a safe order — groups first (so every later write finds its
/// groups), then removals, then replacements and updates in the planner's address waves, then new invitations — with
/// bounded parallelism inside each phase. A write MobieTrain refuses fails that record only; any other error (outage,
/// authentication) stops the run, and the next run finishes the work. What each action writes is <see cref="PlannedWrites"/>'s,
/// the run's state and what each outcome means <see cref="ApplyRun"/>'s.</summary>
public sealed class PlanApplier(IMobieTrainClient client, IOptions<SyncOptions> options, ILogger<PlanApplier> logger)
{
    /// <summary>Until the plan is done or <paramref name="budget"/> is spent: then no write starts, those in flight finish.</summary>
    public async Task<ApplyResult> ApplyAsync(MobieTrainWriteTarget target, SyncPlan plan, RunBudget budget, CancellationToken cancellationToken)
    {
        var writes = new PlannedWrites(client, target);
        using var run = new ApplyRun(target, options.Value.MaxParallelWrites, options.Value.MaxConsecutiveTransientFailures, budget, logger, cancellationToken);
        foreach (var listed in plan.Actions.Where(a => a is SkipAction or HoldDeletionAction))
            run.Counter.Count(listed);

        RunProgressTracker.Current?.Applying(plan.Actions.Count(a => a is not (SkipAction or HoldDeletionAction)));
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

    private static int WaveOf(SyncAction action) => action switch
    {
        ReplaceInvitationAction r => r.Wave,
        UpdateUserAction u => u.Wave,
        _ => 0,
    };
}

/// <summary>What applying a plan did; a run-level error stopped the rest of the plan. <see cref="Completed"/> lists the writes that
/// succeeded, so that an approval of deletions keeps exactly the persons not yet deleted.</summary>
public sealed record ApplyResult(SyncCounts Counts, IReadOnlyList<RecordFailure> Failures, Exception? RunLevelError, IReadOnlyList<SyncAction> Completed)
{
    /// <summary>The rest of the plan is for the continuation.</summary>
    public bool BudgetSpent { get; init; }

    /// <summary>A dry run: the plan's counts, as if every write had succeeded; nothing was written.</summary>
    public static ApplyResult DryRun(SyncPlan plan) => new(plan.PlannedCounts(), [], null, []);
}

/// <summary>An invocation's time budget, on elapsed time from the run's start: the sandbox's scenario clock stands still during a
/// step, the budget must not. <paramref name="stop"/> ends it early: no write starts after it, those in flight finish.</summary>
public sealed class RunBudget(TimeProvider time, long startedTimestamp, TimeSpan budget, CancellationToken stop = default)
{
    public TimeSpan Budget { get; } = budget;

    /// <summary>Stopped from outside: unlike a spent budget, not even the invocation's first write may start.</summary>
    public bool IsStopped => stop.IsCancellationRequested;

    public bool IsSpent => Budget != TimeSpan.MaxValue && time.GetElapsedTime(startedTimestamp) >= Budget;
}
