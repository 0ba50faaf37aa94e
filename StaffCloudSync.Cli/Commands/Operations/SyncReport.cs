using StaffCloudSync.Core.Engine.Explain;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Cli.Commands.Operations;

/// <summary>One invocation of <c>sync --json</c>'s chain: the run record as stored (as <c>runs --run</c> shows it) and the plan the run made, when it got that far.</summary>
internal sealed record SyncReport(RunRecord Run, SyncPlanView? Plan)
{
    public static SyncReport From(SyncOutcome outcome) =>
        new SyncReport(outcome.Record, outcome.Plan is { } plan ? SyncPlanView.From(plan) : null);
}

/// <summary>
/// <c>sync --json</c>'s one document for a whole chain: the last invocation's <c>run</c> and <c>plan</c> (what the
/// exit code reflects; for a chain of one, the document a single run always had) and <c>chain</c>, every invocation's
/// report in order — the first (trigger <c>Manual</c>, <c>Continued</c>) through the last.
/// </summary>
internal sealed record SyncChainReport(RunRecord Run, SyncPlanView? Plan, IReadOnlyList<SyncReport> Chain)
{
    public static SyncChainReport From(IReadOnlyList<SyncReport> chain)
    {
        var last = chain[^1];
        return new SyncChainReport(last.Run, last.Plan, chain);
    }
}

/// <summary>A plan's actions (rule and why for each) and the deletion guard's decision.</summary>
internal sealed record SyncPlanView(DeletionGuardDecision DeletionGuard, IReadOnlyList<PlannedActionView> Actions)
{
    public static SyncPlanView From(SyncPlan plan) => new(
        plan.DeletionGuard,
        plan.Actions.Select(a => new PlannedActionView(a.Kind, EmployeeExplainer.RuleName(a.Rule), a.PersonId, a.MobieTrainId, a.Why)).ToList());
}
