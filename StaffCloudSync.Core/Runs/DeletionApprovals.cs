using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>sync-rules.md, "Approval of held deletions". One naming no one would let any mass deletion through: refused.</summary>
public sealed class DeletionApprovals(TenantStore tenants, RunStore runs, TimeProvider time)
{
    // How far back the latest holding run is looked for; runs are twice a day, so this is weeks of history.
    private const int RunsLookedAt = 50;

    public async Task<DeletionApproval> GrantAsync(string tenantId, string? grantedBy, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(tenantId, cancellationToken)
            ?? throw new TenantConflictException($"Tenant '{tenantId}' does not exist.");
        var held = await LatestHoldingRunAsync(tenantId, cancellationToken);
        var now = time.GetUtcNow();
        var hours = tenant.Settings?.DeletionApprovalHours ?? TenantSettings.DefaultDeletionApprovalHours;
        var approval = new DeletionApproval(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), held.RunId,
            held.HeldDeletions.Select(h => h.EmployeeId).ToHashSet(), now, grantedBy, now.AddHours(hours));
        await tenants.SetDeletionApprovalAsync(tenantId, approval, cancellationToken);
        return approval;
    }

    // A run that did not get to planning is passed over; a newer run that completed without holding anything means nothing is held.
    private async Task<RunRecord> LatestHoldingRunAsync(string tenantId, CancellationToken cancellationToken)
    {
        await foreach (var run in runs.ListRecentAsync(tenantId, RunsLookedAt, cancellationToken))
        {
            if (run.HeldDeletions.Count > 0 && run.Status is RunStatus.DeletionsHeld or RunStatus.Failed)
                return run;

            if (run.Status is RunStatus.Succeeded or RunStatus.CompletedWithErrors)
            {
                throw new NothingHeldException(
                    $"tenant '{tenantId}': nothing is held, so there is nothing to allow: its latest completed run {run.RunId} "
                    + $"({run.StartedAt:yyyy-MM-dd HH:mm}Z, {run.Status}) held no deletions. An approval covers only the deletions a run held.");
            }
        }

        throw new NothingHeldException(
            $"tenant '{tenantId}': nothing is held, so there is nothing to allow: none of its last {RunsLookedAt} runs held deletions. "
            + "An approval covers only the deletions a run held; run it (or a dry run) first.");
    }
}

public sealed class NothingHeldException(string message) : Exception(message);
