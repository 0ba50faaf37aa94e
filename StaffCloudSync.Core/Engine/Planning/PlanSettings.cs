using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The tenant settings the planner needs, parsed; <c>ApprovedDeletions</c>: whom an approval in force lets through the guard.</summary>
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
    IReadOnlySet<long> ApprovedDeletions);
