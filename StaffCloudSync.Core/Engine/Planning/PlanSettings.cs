using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The tenant settings the planner needs, already parsed (time zone, template), plus the persons (StaffCloud employee
/// ids) whose deletions an operator's approval in force lets through the deletion guard.</summary>
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
