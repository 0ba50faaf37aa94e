using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Everything one run read, before it plans: the input of the pure planner.</summary>
public sealed record TenantSnapshot(StaffCloudSnapshot StaffCloud, MobieTrainSnapshot MobieTrain);

/// <summary>What StaffCloud returned: its current-or-future events, their confirmed assignments, and the employees of those
/// assignments plus every synced person in MobieTrain — from the list read, or read singly where the list left one
/// out (<see cref="OmittedByList"/>). <see cref="ProvenDeleted"/> holds the synced persons StaffCloud answered 404
/// for when read singly: the only proof of a hard deletion. A synced person in neither is unproven and held.</summary>
public sealed record StaffCloudSnapshot(
    IReadOnlyList<StaffCloudEmployee> Employees,
    IReadOnlyList<StaffCloudEvent> Events,
    IReadOnlyList<StaffCloudAssignment> Assignments)
{
    private static readonly IReadOnlySet<long> None = new HashSet<long>();

    public IReadOnlySet<long> ProvenDeleted { get; init; } = None;

    public IReadOnlySet<long> OmittedByList { get; init; } = None;

    /// <summary>What showed that the single read works, which made its 404s proof (e.g. "a control read of listed employee 2").</summary>
    public string? ReadPathProof { get; init; }
}

/// <summary>What MobieTrain holds for the account: every group, user and pending invitation.</summary>
public sealed record MobieTrainSnapshot(
    IReadOnlyList<MobieTrainUserGroup> UserGroups,
    IReadOnlyList<MobieTrainUser> Users,
    IReadOnlyList<MobieTrainInvitation> Invitations);
