using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>What a group the sync manages stands for (sync-rules.md, "event group", "base groups"); a base group has a name only.</summary>
public enum GroupSourceKind { Event, Project, Base }

/// <summary>The event, project or base group name a group stands for: how a plan names a group it creates, renames or refers to
/// before that group has a MobieTrain id.</summary>
public readonly record struct GroupSource(GroupSourceKind Kind, long Id, string? BaseName)
{
    public static GroupSource Event(long eventId) => new(GroupSourceKind.Event, eventId, null);

    public static GroupSource Project(long projectId) => new(GroupSourceKind.Project, projectId, null);

    public static GroupSource Base(string name) => new(GroupSourceKind.Base, 0, name);

    /// <summary>The externalId the group carries in MobieTrain; null for a base group, which has none.</summary>
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

/// <summary>A group a planned write puts someone in: an existing MobieTrain group, or the event, project or base group this plan
/// creates first (its id is known only once the create succeeded).</summary>
public readonly record struct GroupRef(string? GroupId, GroupSource? PendingSource)
{
    public static GroupRef Existing(string groupId) => new(groupId, null);

    public static GroupRef Pending(GroupSource source) => new(null, source);

    public bool IsPending => PendingSource is not null;

    public override string ToString() => GroupId ?? $"<new group of {PendingSource}>";
}
