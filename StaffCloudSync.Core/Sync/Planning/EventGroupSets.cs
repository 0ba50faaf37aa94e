using StaffCloudSync.Core.Rules;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>Rule 6 (and 7 for invitations): the group set a synced person should have.</summary>
internal static class EventGroupSets
{
    /// <summary>
    /// Rule 6: the event groups of the person's current confirmed events; with PreserveManualGroups, plus the
    /// non-event groups they already have. Group ids MobieTrain does not know are dropped either way (a PATCH
    /// carrying them would be refused). Null when the set does not change.
    /// </summary>
    public static List<GroupRef>? Desired(PlanningIndex index, IReadOnlyList<string> currentIds, long[] events)
    {
        var desired = new List<GroupRef>(events.Length + (index.Settings.PreserveManualGroups ? currentIds.Count : 0));
        var desiredIds = new HashSet<string>(StringComparer.Ordinal);
        var anyPending = false;
        foreach (var eventId in events)
        {
            var reference = index.GroupRefFor(eventId);
            anyPending |= reference.IsPending;
            if (reference.IsPending || desiredIds.Add(reference.GroupId!))
            {
                desired.Add(reference);
            }
        }

        if (index.Settings.PreserveManualGroups)
        {
            foreach (var groupId in currentIds)
            {
                if (index.GroupsById.TryGetValue(groupId, out var group) && !ExternalId.IsEventGroup(group.ExternalId)
                    && desiredIds.Add(groupId))
                {
                    desired.Add(GroupRef.Existing(groupId));
                }
            }
        }

        if (!anyPending && desiredIds.SetEquals(currentIds))
        {
            return null;
        }

        return desired;
    }
}
