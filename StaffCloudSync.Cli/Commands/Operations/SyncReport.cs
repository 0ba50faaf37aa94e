using StaffCloudSync.Core.Explain;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync;
using StaffCloudSync.Core.Sync.Planning;

namespace StaffCloudSync.Cli.Commands.Operations;

/// <summary><c>sync --json</c>: the run record as stored (as <c>runs --run</c> shows it) and the plan the run made, when it got that far.</summary>
internal sealed record SyncReport(RunRecord Run, SyncPlanView? Plan)
{
    public static SyncReport From(SyncOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new SyncReport(outcome.Record, outcome.Plan is { } plan ? SyncPlanView.From(plan) : null);
    }
}

/// <summary>A plan's actions (rule and why for each) and the deletion guard's decision.</summary>
internal sealed record SyncPlanView(DeletionGuardDecision DeletionGuard, IReadOnlyList<PlannedActionView> Actions)
{
    public static SyncPlanView From(SyncPlan plan) => new(
        plan.DeletionGuard,
        plan.Actions.Select(a => new PlannedActionView(a.Kind, EmployeeExplainer.RuleName(a.Rule), a.PersonId, a.MobieTrainId, a.Why)).ToList());
}
