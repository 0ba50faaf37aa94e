using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Everything one run read, before it plans: the input of the pure planner.</summary>
public sealed record TenantSnapshot(StaffCloudSnapshot StaffCloud, MobieTrainSnapshot MobieTrain);

/// <summary>A tenant read and planned but not applied, for explain and the plan preview; where it read from, not the tenant's row.</summary>
public sealed record TenantPreview(
    StaffCloudTarget StaffCloud, MobieTrainTarget MobieTrain, PlanSettings Settings, TenantSnapshot Snapshot, SyncPlan Plan, DateTimeOffset Now)
{
    public string TenantId => MobieTrain.TenantId;

    /// <summary>The account's marker as a run now would find it; a preview never creates it.</summary>
    public AccountMarkerCheck Marker => AccountMarkerCheck.Of(TenantId, MobieTrain.AccountId, Snapshot.MobieTrain);
}

/// <summary>What StaffCloud returned: current-or-future events, their confirmed assignments, and those employees plus every synced
/// person, read singly where the list left one out (<see cref="OmittedByList"/>). <see cref="ProvenDeleted"/>: the 404s of
/// single reads, the only proof of a hard deletion; a synced person in neither is unproven and held.</summary>
public sealed record StaffCloudSnapshot(
    IReadOnlyList<StaffCloudEmployee> Employees, IReadOnlyList<StaffCloudEvent> Events, IReadOnlyList<StaffCloudAssignment> Assignments)
{
    private static readonly IReadOnlySet<long> None = new HashSet<long>();

    public IReadOnlySet<long> ProvenDeleted { get; init; } = None;
    public IReadOnlySet<long> OmittedByList { get; init; } = None;

    /// <summary>What showed that the single read works, which made its 404s proof (e.g. "a control read of listed employee 2").</summary>
    public string? ReadPathProof { get; init; }
}

/// <summary>What MobieTrain holds for the account: every group, user and pending invitation.</summary>
public sealed record MobieTrainSnapshot(
    IReadOnlyList<MobieTrainUserGroup> UserGroups, IReadOnlyList<MobieTrainUser> Users, IReadOnlyList<MobieTrainInvitation> Invitations);

/// <summary>The tenant settings the planner needs, parsed; <c>ApprovedDeletions</c>: whom an approval in force lets through the guard.</summary>
public sealed record PlanSettings(
    TenantTimeZone TimeZone, string DefaultLanguage, GroupNameTemplate GroupNameTemplate, GroupMode GroupBy,
    IReadOnlyList<string> BaseGroups, string? DefaultCallingCode, bool PreserveManualGroups, int InvitationMaxAgeMonths,
    int DeletionThresholdPercent, int DeletionThresholdMinimum, IReadOnlySet<long> ApprovedDeletions);
