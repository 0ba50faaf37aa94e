using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.StaffCloud;

namespace StaffCloudSync.Core.Sync.Reading;

/// <summary>Everything one run read, before it plans: the input of the pure planner.</summary>
public sealed record TenantSnapshot(StaffCloudSnapshot StaffCloud, MobieTrainSnapshot MobieTrain);

/// <summary>
/// What StaffCloud returned: confirmed assignments ending after the read bound, their events, and the
/// employees of those assignments plus every synced person in MobieTrain (so an id that is asked for and
/// not returned is a hard-deleted employee).
/// </summary>
public sealed record StaffCloudSnapshot(
    IReadOnlyList<StaffCloudEmployee> Employees,
    IReadOnlyList<StaffCloudEvent> Events,
    IReadOnlyList<StaffCloudAssignment> Assignments);

/// <summary>What MobieTrain holds for the account: every group, user and pending invitation.</summary>
public sealed record MobieTrainSnapshot(
    IReadOnlyList<MobieTrainUserGroup> UserGroups,
    IReadOnlyList<MobieTrainUser> Users,
    IReadOnlyList<MobieTrainInvitation> Invitations);
