using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Rules 3, 6 and 7: the group set a synced person should have.</summary>
internal static class EventGroupSets
{
    /// <summary>Rule 3: a new invitation's groups — the person's event or project groups, then the base groups.</summary>
    public static List<GroupRef> ForInvitation(PlanningIndex index, long[] events)
    {
        var groups = new List<GroupRef>();
        AddOwnAndBase(index, events, groups, []);
        return groups;
    }

    /// <summary>Rule 6: the event (or project) groups of the person's current confirmed events plus the base groups, eligible or
    /// not; with PreserveManualGroups, plus the groups they already have that are not sync-owned (a group of the other
    /// mode is sync-owned, so people leave it either way); always plus the marker groups they are in. Group ids MobieTrain
    /// does not know are dropped (a PATCH carrying them would be refused). Null when the set does not change.</summary>
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

    /// <summary>Adds the person's own groups of the tenant's mode and every base group; true when one is still to be created.</summary>
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
