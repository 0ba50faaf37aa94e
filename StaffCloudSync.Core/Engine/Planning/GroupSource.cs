using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

public enum GroupSourceKind { Event, Project, Base }

/// <summary>How a plan names a group before it has a MobieTrain id; a base group has a name only.</summary>
public readonly record struct GroupSource(GroupSourceKind Kind, long Id, string? BaseName)
{
    public static GroupSource Event(long eventId) => new(GroupSourceKind.Event, eventId, null);
    public static GroupSource Project(long projectId) => new(GroupSourceKind.Project, projectId, null);
    public static GroupSource Base(string name) => new(GroupSourceKind.Base, 0, name);

    public string? ExternalId => Kind switch
    {
        GroupSourceKind.Event => GroupExternalIds.ForEventGroup(Id),
        GroupSourceKind.Project => GroupExternalIds.ForProjectGroup(Id),
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        GroupSourceKind.Event => $"event {Id}",
        GroupSourceKind.Project => $"project {Id}",
        _ => $"base group '{BaseName}'",
    };
}

/// <summary>An existing MobieTrain group, or one this plan creates first (its id is known only once the create succeeded).</summary>
public readonly record struct GroupRef(string? GroupId, GroupSource? PendingSource)
{
    public static GroupRef Existing(string groupId) => new(groupId, null);
    public static GroupRef Pending(GroupSource source) => new(null, source);

    public bool IsPending => PendingSource is not null;

    public override string ToString() => GroupId ?? $"<new group of {PendingSource}>";
}
