using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>A tenant read and planned but not applied: what "explain" and the plan preview look at. It carries where it read
/// from, not the tenant's row, so the engine explains a plan without knowing how tenants are stored.</summary>
public sealed record TenantPreview(StaffCloudTarget StaffCloud, MobieTrainTarget MobieTrain, PlanSettings Settings, TenantSnapshot Snapshot, SyncPlan Plan, DateTimeOffset Now)
{
    public string TenantId => MobieTrain.TenantId;

    /// <summary>The account's marker as a run now would find it; a preview never creates it.</summary>
    public AccountMarkerCheck Marker => AccountMarkerCheck.Of(TenantId, MobieTrain.AccountId, Snapshot.MobieTrain);
}
