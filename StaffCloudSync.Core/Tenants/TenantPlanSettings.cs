using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Tenants;

/// <summary>Here, not in the planner, so the engine never learns how a tenant is stored or validated.</summary>
public static class TenantPlanSettings
{
    public static PlanSettings From(TenantSettings settings, IReadOnlySet<long>? approvedDeletions = null)
    {
        TenantSettingsValidator.EnsureValid(settings);
        return new PlanSettings(TenantTimeZone.Resolve(settings.TimeZone), settings.DefaultLanguage,
            GroupNameTemplate.Parse(settings.EffectiveGroupNameTemplate, settings.GroupBy.Subject()), settings.GroupBy, settings.BaseGroupNames,
            settings.DefaultCallingCode, settings.PreserveManualGroups, settings.InvitationMaxAgeMonths, settings.DeletionThresholdPercent,
            settings.DeletionThresholdMinimum, approvedDeletions ?? new HashSet<long>());
    }
}

/// <summary>Where a tenant's calls go: secret names, never secret values.</summary>
public static class TenantTargets
{
    public static StaffCloudTarget StaffCloud(TenantSettings settings) =>
        new(settings.TenantId, settings.StaffCloudApiTenant, settings.EffectiveStaffCloudTokenSecret);

    public static MobieTrainTarget MobieTrain(TenantSettings settings) =>
        new(settings.TenantId, settings.MobieTrainAccountId, settings.MobieTrainApiKeySecret);
}
