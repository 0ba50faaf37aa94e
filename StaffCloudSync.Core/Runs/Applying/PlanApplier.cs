using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Runs.Applying;

/// <summary>
/// Step 3 of a run: executes a plan against MobieTrain in a safe order — groups first (so every later write
/// finds its groups), then removals, then replacements and updates in the planner's address waves, then new invitations — with bounded
/// parallelism inside each phase. A write MobieTrain refuses fails that record only; any other error (outage,
/// authentication) stops the run, and the next run finishes the work. This class holds the order; <see cref="PlannedWrites"/>
/// what each action writes, <see cref="ApplyRun"/> the run's state and what each outcome means.
/// </summary>
public sealed class PlanApplier(IMobieTrainClient client, IOptions<SyncOptions> options, ILogger<PlanApplier> logger)
{
    /// <summary>
    /// Applies the plan until it is done or <paramref name="budget"/> is spent: then no further write starts (those in
    /// flight finish), and the result says so — the continuation re-reads both systems and goes on.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(MobieTrainWriteTarget target, SyncPlan plan, RunBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(budget);
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
