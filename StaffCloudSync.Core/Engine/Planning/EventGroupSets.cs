using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Rules 3, 6 and 7: the group set a synced person should have.</summary>
internal static class EventGroupSets
{
    public static List<GroupRef> ForInvitation(PlanningIndex index, long[] events)
    {
        var groups = new List<GroupRef>();
        AddOwnAndBase(index, events, groups, []);
        return groups;
    }

    /// <summary>Rule 6's set, null when it does not change. Group ids MobieTrain does not know are dropped (a PATCH would be refused).</summary>
    public static List<GroupRef>? Desired(PlanningIndex index, IReadOnlyList<string> currentIds, long[] events)
    {
        var desired = new List<GroupRef>(events.Length + (index.Settings.PreserveManualGroups ? currentIds.Count : 0));
        var desiredIds = new HashSet<string>(StringComparer.Ordinal);
        var anyPending = AddOwnAndBase(index, events, desired, desiredIds);

        foreach (var groupId in currentIds)
        {
            // A marker's members are nobody's business but the operator's: kept even without PreserveManualGroups.
            if (index.GroupsById.TryGetValue(groupId, out var group) && !GroupExternalIds.IsSyncOwned(group.ExternalId)
                && (index.Settings.PreserveManualGroups || TenantMarker.IsMarker(group.ExternalId)) && desiredIds.Add(groupId))
            {
                desired.Add(GroupRef.Existing(groupId));
            }
        }

        return !anyPending && desiredIds.SetEquals(currentIds) ? null : desired;
    }

    // True when one is still to be created.
    private static bool AddOwnAndBase(PlanningIndex index, long[] events, List<GroupRef> groups, HashSet<string> ids)
    {
        var anyPending = false;
        foreach (var reference in index.Groups.SourcesOf(events).Select(index.Groups.RefFor).Concat(index.Groups.BaseRefs))
        {
            anyPending |= reference.IsPending;
            if (reference.IsPending ? !groups.Contains(reference) : ids.Add(reference.GroupId!))
                groups.Add(reference);
        }

        return anyPending;
    }
}
