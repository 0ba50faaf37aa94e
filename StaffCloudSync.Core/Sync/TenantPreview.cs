using StaffCloudSync.Core.Sync.Planning;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Sync;

/// <summary>A tenant read and planned but not applied: what "explain" and the plan preview look at.</summary>
public sealed record TenantPreview(TenantSettings Tenant, PlanSettings Settings, TenantSnapshot Snapshot, SyncPlan Plan, DateTimeOffset Now);
