namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// A group a planned write puts someone in: an existing MobieTrain group, or the event, project or base group this plan
/// creates first (its id is known only once the create succeeded).
/// </summary>
public readonly record struct GroupRef(string? GroupId, GroupSource? PendingSource)
{
    public static GroupRef Existing(string groupId) => new(groupId, null);

    public static GroupRef Pending(GroupSource source) => new(null, source);

    public bool IsPending => PendingSource is not null;

    public override string ToString() => GroupId ?? $"<new group of {PendingSource}>";
}
