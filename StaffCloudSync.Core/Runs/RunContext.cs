using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>Everything one run is about, built once from a tenant whose settings are known valid.</summary>
public sealed record RunContext(
    SyncRequest Request, TenantRecord Tenant, DateTimeOffset Now, PlanSettings Plan, DeletionApproval? Approval, StaffCloudTarget StaffCloud,
    MobieTrainTarget MobieTrain)
{
    public string TenantId => Request.TenantId;
    public string RunId => Request.RunId;
    public bool DryRun => Request.DryRun;
    public TenantSettings Settings => Tenant.ValidSettings;

    public MobieTrainWriteTarget MobieTrainWrites => MobieTrainWriteTarget.For(MobieTrain, RunId);

    public static RunContext For(SyncRequest request, TenantRecord tenant, DateTimeOffset now)
    {
        if (!tenant.IsValid)
            throw new ArgumentException($"tenant '{tenant.TenantId}' has an invalid row; a run context needs valid settings", nameof(tenant));

        var approval = RunApprovals.InForce(tenant, now);
        var settings = tenant.ValidSettings;
        return new RunContext(request, tenant, now, TenantPlanSettings.From(settings, approval?.Employees), approval,
            TenantTargets.StaffCloud(settings), TenantTargets.MobieTrain(settings));
    }

    // Every row, not just the run's own: the one-account check needs them all.
    public static async Task<(TenantRecord Tenant, IReadOnlyList<TenantRecord> Rows)> ReadTenantAsync(TenantStore tenants, string tenantId, CancellationToken cancellationToken)
    {
        var rows = await tenants.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        var tenant = rows.Find(r => string.Equals(r.TenantId, tenantId, StringComparison.Ordinal))
            ?? throw new SyncRunException(tenantId, SyncFailureKind.UnknownTenant, $"tenant '{tenantId}' has no row in the Tenants table");
        if (!tenant.IsValid)
        {
            throw new SyncRunException(tenantId, SyncFailureKind.Configuration,
                $"tenant '{tenantId}' has an invalid row: {string.Join("; ", tenant.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        return (tenant, rows);
    }

    public static void EnsureOwnAccounts(TenantSettings settings, IReadOnlyList<TenantRecord> rows)
    {
        var conflicts = TenantClaims.Conflicts(settings, rows);
        if (conflicts.Count > 0)
            throw new SyncRunException(settings.TenantId, SyncFailureKind.Configuration, TenantClaims.Describe(settings.TenantId, conflicts));
    }

    /// <summary>Reads and plans one tenant as a run would, without writing or recording anything.</summary>
    public static async Task<TenantPreview> PreviewAsync(TenantStore tenants, SnapshotReader reader, string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (tenant, rows) = await ReadTenantAsync(tenants, tenantId, cancellationToken);
        EnsureOwnAccounts(tenant.ValidSettings, rows);
        var context = For(SyncRequest.Preview(tenantId), tenant, now);
        var snapshot = await reader.ReadAsync(context, cancellationToken);
        return new TenantPreview(context.StaffCloud, context.MobieTrain, context.Plan, snapshot, SyncPlanner.Plan(snapshot, context.Plan, context.Now), context.Now);
    }
}
