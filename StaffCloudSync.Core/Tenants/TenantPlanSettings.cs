using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Tenants;

/// <summary>A tenant's settings as the planner takes them. The mapping lives with the settings, not with the planner, so the
/// engine never learns how a tenant is stored or validated.</summary>
public static class TenantPlanSettings
{
    /// <summary>Builds plan settings from a tenant row that passed <see cref="TenantSettingsValidator"/>.</summary>
    public static PlanSettings From(TenantSettings settings, IReadOnlySet<long>? approvedDeletions = null)
    {
        TenantSettingsValidator.EnsureValid(settings);
        return new PlanSettings(
            TenantTimeZone.Resolve(settings.TimeZone),
            settings.DefaultLanguage,
            GroupNameTemplate.Parse(settings.EffectiveGroupNameTemplate, settings.GroupBy.Subject()),
            settings.GroupBy,
            settings.BaseGroupNames,
            settings.DefaultCallingCode,
            settings.PreserveManualGroups,
            settings.InvitationMaxAgeMonths,
            settings.DeletionThresholdPercent,
            settings.DeletionThresholdMinimum,
            approvedDeletions ?? new HashSet<long>());
    }
}
