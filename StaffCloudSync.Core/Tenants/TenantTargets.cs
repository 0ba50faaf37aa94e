using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Tenants;

/// <summary>Where a tenant's calls go: derived from its settings, carrying secret names, never secret values.</summary>
public static class TenantTargets
{
    public static StaffCloudTarget StaffCloud(TenantSettings settings) =>
        new(settings.TenantId, settings.StaffCloudApiTenant, settings.EffectiveStaffCloudTokenSecret);

    public static MobieTrainTarget MobieTrain(TenantSettings settings) =>
        new(settings.TenantId, settings.MobieTrainAccountId, settings.MobieTrainApiKeySecret);
}
