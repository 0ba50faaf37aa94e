using StaffCloudSync.Core.Explain;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync;
using StaffCloudSync.Core.Sync.Planning;

namespace StaffCloudSync.Core.Operations;

/// <summary>A plan as operators and scripts read it: what a run now would do, why, and with which status.</summary>
public sealed record PlanView(
    string TenantId,
    DateTimeOffset At,
    RunStatus WouldEndAs,
    SyncCounts Counts,
    DeletionGuardDecision DeletionGuard,
    IReadOnlyList<PlannedActionView> Actions,
    IReadOnlyList<SkippedRecord> Skipped)
{
    public static PlanView From(TenantPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var plan = preview.Plan;
        return new PlanView(
            preview.Tenant.TenantId,
            preview.Now,
            plan.DeletionGuard.HoldsAny ? RunStatus.DeletionsHeld : RunStatus.Succeeded,
            plan.PlannedCounts(),
            plan.DeletionGuard,
            plan.Actions.Select(a => new PlannedActionView(a.Kind, EmployeeExplainer.RuleName(a.Rule), a.PersonId, a.MobieTrainId, a.Why)).ToList(),
            plan.SkippedRecords());
    }
}
