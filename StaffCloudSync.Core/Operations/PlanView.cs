using StaffCloudSync.Core.Engine.Explain;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;

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
    public string AccountId { get; init; } = string.Empty;

    /// <summary>The account's marker state; a run fails before writing unless it allows the run.</summary>
    public AccountMarkerState Marker { get; init; }

    public string MarkerText { get; init; } = string.Empty;

    public static PlanView From(TenantPreview preview)
    {
        var plan = preview.Plan;
        var marker = preview.Marker;
        return new PlanView(
            preview.TenantId,
            preview.Now,
            !marker.AllowsRun ? RunStatus.Failed : plan.DeletionGuard.HoldsAny ? RunStatus.DeletionsHeld : RunStatus.Succeeded,
            plan.PlannedCounts(),
            plan.DeletionGuard,
            plan.Actions.Select(PlannedActionView.Of).ToList(),
            plan.SkippedRecords())
        {
            AccountId = marker.AccountId,
            Marker = marker.State,
            MarkerText = marker.StateText,
        };
    }
}
