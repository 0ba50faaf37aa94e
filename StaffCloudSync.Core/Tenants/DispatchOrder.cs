namespace StaffCloudSync.Core.Tenants;

/// <summary>The order the schedule queues tenants in: longest-processing-time first, the classic rule for a pool of workers —
/// a long tenant taken last would end the day alone while the rest of the pool idles. Tenants without a run time go
/// first: a new tenant's first run (onboarding invites everyone) is its heaviest. Ties keep the table's order.</summary>
public static class DispatchOrder
{
    public static IEnumerable<TenantRecord> Of(IEnumerable<TenantRecord> tenants) =>
        tenants.OrderBy(t => t.Health.LastRunSeconds is null ? 0 : 1).ThenByDescending(t => t.Health.LastRunSeconds ?? 0);
}
