using StaffCloudSync.Core.Rules;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The tenant settings the planner needs, already parsed (time zone, template), plus whether an operator's
/// one-shot "allow deletions" is pending for this run.
/// </summary>
public sealed record PlanSettings(
    TenantTimeZone TimeZone,
    string DefaultLanguage,
    GroupNameTemplate GroupNameTemplate,
    bool PreserveManualGroups,
    int InvitationMaxAgeMonths,
    int DeletionThresholdPercent,
    int DeletionThresholdMinimum,
    bool DeletionsAllowed)
{
    /// <summary>Builds plan settings from a tenant row that passed <see cref="TenantSettingsValidator"/>.</summary>
    public static PlanSettings From(TenantSettings settings, bool deletionsAllowed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TenantSettingsValidator.EnsureValid(settings);
        return new PlanSettings(
            TenantTimeZone.Resolve(settings.TimeZone),
            settings.DefaultLanguage,
            GroupNameTemplate.Parse(settings.GroupNameTemplate),
            settings.PreserveManualGroups,
            settings.InvitationMaxAgeMonths,
            settings.DeletionThresholdPercent,
            settings.DeletionThresholdMinimum,
            deletionsAllowed);
    }
}
