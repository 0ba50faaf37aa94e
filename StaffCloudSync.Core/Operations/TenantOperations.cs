using StaffCloudSync.Core.Engine.Explain;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Operations;

/// <summary>What an operator can ask of one tenant without redeploying; the on-demand endpoints and the CLI both call this.</summary>
public sealed class TenantOperations(
    TenantStore tenants, RunStore runs, ISyncQueue queue, SnapshotReader reader, IStaffCloudClient staffCloud, TimeProvider time)
{
    /// <summary>Null when the tenant does not exist.</summary>
    public async Task<SyncRequest?> StartSyncAsync(string tenantId, bool dryRun, CancellationToken cancellationToken)
    {
        if (await tenants.GetAsync(tenantId, cancellationToken) is null)
            return null;

        var message = new SyncRequest(tenantId, SyncRequest.NewRunId(), RunTrigger.Manual, dryRun, time.GetUtcNow());
        await queue.EnqueueAsync(message, cancellationToken);
        return message;
    }

    /// <summary>Reads and plans now, writes nothing and records nothing.</summary>
    public async Task<PlanView> PlanAsync(string tenantId, CancellationToken cancellationToken) =>
        PlanView.From(await RunContext.PreviewAsync(tenants, reader, tenantId, time.GetUtcNow(), cancellationToken));

    public async Task<EmployeeExplanation> ExplainAsync(string tenantId, long employeeId, CancellationToken cancellationToken)
    {
        // StaffCloud reads "id=-5" as "everyone but 5": an id that is not positive never reaches a request.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(employeeId);
        var preview = await RunContext.PreviewAsync(tenants, reader, tenantId, time.GetUtcNow(), cancellationToken);
        var snapshot = preview.Snapshot.StaffCloud;
        StaffCloudEmployee? fetched = null;
        // Out of the run's scope (no current confirmed event, not in MobieTrain): ask StaffCloud for them alone.
        if (snapshot.Employees.All(e => e.Id != employeeId) && !snapshot.ProvenDeleted.Contains(employeeId))
            fetched = await staffCloud.GetEmployeeAsync(preview.StaffCloud, employeeId, cancellationToken);

        return EmployeeExplainer.Explain(preview, employeeId, fetched);
    }

    public async Task<IReadOnlyList<RunRecord>> RecentRunsAsync(string tenantId, int max, CancellationToken cancellationToken) =>
        await runs.ListRecentAsync(tenantId, max, cancellationToken).ToListAsync(cancellationToken);
}

/// <summary>A plan as operators and scripts read it: what a run now would do, why, and with which status.</summary>
public sealed record PlanView(string TenantId, DateTimeOffset At, RunStatus WouldEndAs, SyncCounts Counts, DeletionGuardDecision DeletionGuard,
    IReadOnlyList<PlannedActionView> Actions, IReadOnlyList<SkippedRecord> Skipped)
{
    public string AccountId { get; init; } = string.Empty;
    public AccountMarkerState Marker { get; init; }
    public string MarkerText { get; init; } = string.Empty;

    public static PlanView From(TenantPreview preview)
    {
        var plan = preview.Plan;
        var marker = preview.Marker;
        return new PlanView(preview.TenantId, preview.Now,
            !marker.AllowsRun ? RunStatus.Failed : plan.DeletionGuard.HoldsAny ? RunStatus.DeletionsHeld : RunStatus.Succeeded,
            plan.PlannedCounts(), plan.DeletionGuard, plan.Actions.Select(PlannedActionView.Of).ToList(), plan.SkippedRecords())
            { AccountId = marker.AccountId, Marker = marker.State, MarkerText = marker.StateText };
    }
}

/// <summary>Whether the app can reach what every run needs first: its tenant registry.</summary>
public sealed class HealthCheck(TenantStore tenants)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var count = await tenants.ListAsync(cancellationToken).CountAsync(cancellationToken);
            return new HealthReport(true, $"tenant registry reachable ({count} tenants)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthReport(false, $"tenant registry unreachable: {e.GetType().Name}");
        }
    }
}

public sealed record HealthReport(bool Healthy, string Detail);
