namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// A group a planned write puts someone in: an existing MobieTrain group, or the event group this plan
/// creates first (its id is known only once the create succeeded).
/// </summary>
public readonly record struct GroupRef(string? GroupId, long? PendingEventId)
{
    public static GroupRef Existing(string groupId) => new(groupId, null);

    public static GroupRef Pending(long eventId) => new(null, eventId);

    public bool IsPending => PendingEventId is not null;

    public override string ToString() => GroupId ?? $"<new group of event {PendingEventId}>";
}
