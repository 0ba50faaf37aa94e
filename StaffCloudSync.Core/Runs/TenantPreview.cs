using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>A tenant read and planned but not applied: what "explain" and the plan preview look at.</summary>
public sealed record TenantPreview(TenantSettings Tenant, PlanSettings Settings, TenantSnapshot Snapshot, SyncPlan Plan, DateTimeOffset Now)
{
    /// <summary>The account's marker as a run now would find it; a preview never creates it.</summary>
    public AccountMarkerCheck Marker => AccountMarkerCheck.Of(Tenant.TenantId, Tenant.MobieTrainAccountId, Snapshot.MobieTrain);

    /// <summary>Reads and plans one tenant as a run would, without writing anything or recording a run.</summary>
    public static async Task<TenantPreview> ReadAsync(TenantStore tenants, SnapshotReader reader, string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (tenant, rows) = await RunContext.ReadTenantAsync(tenants, tenantId, cancellationToken).ConfigureAwait(false);
        RunContext.EnsureOwnAccounts(tenant.ValidSettings, rows);
        var context = RunContext.For(SyncRequest.Preview(tenantId), tenant, now);
        var snapshot = await reader.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        return new TenantPreview(context.Settings, context.Plan, snapshot, SyncPlanner.Plan(snapshot, context.Plan, context.Now), context.Now);
    }
}
