namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// Rule 4: create the event groups that a planned write needs and that do not exist yet; rename the existing groups of
/// current events whose expected name (<see cref="GroupNames"/>) changed. Finished events' groups are left as they are,
/// and no group is ever deleted: this is the only place that plans a group action.
/// </summary>
internal static class GroupRules
{
    /// <param name="plannedGroupSets">The group sets of the run's planned invitations, replacements and updates.</param>
    public static IEnumerable<SyncAction> Actions(PlanningIndex index, IEnumerable<IReadOnlyList<GroupRef>> plannedGroupSets)
    {
        ArgumentNullException.ThrowIfNull(index);
        var needed = new SortedSet<long>();
        foreach (var reference in plannedGroupSets.SelectMany(set => set))
        {
            if (reference.PendingEventId is { } eventId)
            {
                needed.Add(eventId);
            }
        }

        foreach (var eventId in needed)
        {
            yield return new CreateGroupAction(eventId, Rules.ExternalId.ForEventGroup(eventId), index.ExpectedGroupNames[eventId]);
        }

        foreach (var (eventId, name) in index.ExpectedGroupNames.OrderBy(p => p.Key))
        {
            if (index.EventGroups.TryGetValue(eventId, out var group) && !string.Equals(group.Name, name, StringComparison.Ordinal))
            {
                yield return new RenameGroupAction(eventId, group.Id, name);
            }
        }
    }
}
