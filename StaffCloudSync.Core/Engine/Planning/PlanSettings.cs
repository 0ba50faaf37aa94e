using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>
/// The tenant settings the planner needs, already parsed (time zone, template), plus the persons (StaffCloud employee
/// ids) whose deletions an operator's approval in force lets through the deletion guard.
/// </summary>
public sealed record PlanSettings(
    TenantTimeZone TimeZone,
    string DefaultLanguage,
    GroupNameTemplate GroupNameTemplate,
    GroupMode GroupBy,
    IReadOnlyList<string> BaseGroups,
    string? DefaultCallingCode,
    bool PreserveManualGroups,
    int InvitationMaxAgeMonths,
    int DeletionThresholdPercent,
    int DeletionThresholdMinimum,
    IReadOnlySet<long> ApprovedDeletions)
{
    /// <summary>Builds plan settings from a tenant row that passed <see cref="TenantSettingsValidator"/>.</summary>
    public static PlanSettings From(TenantSettings settings, IReadOnlySet<long>? approvedDeletions = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
