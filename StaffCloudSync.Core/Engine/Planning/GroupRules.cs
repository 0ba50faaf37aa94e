namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>
/// Rule 4: create the event, project and base groups that a planned write needs and that do not exist yet (base groups
/// first, by name only); rename the existing current groups of the tenant's mode whose expected name (<see cref="GroupNames"/>)
/// changed. Groups that are not current (finished events, the other mode's groups) and base groups are left as they are,
/// and no group is ever deleted: this is the only place that plans a group action.
/// </summary>
internal static class GroupRules
{
    /// <param name="plannedGroupSets">The group sets of the run's planned invitations, replacements and updates.</param>
    public static IEnumerable<SyncAction> Actions(PlanningIndex index, IEnumerable<IReadOnlyList<GroupRef>> plannedGroupSets)
    {
        var needed = plannedGroupSets.SelectMany(set => set).Select(r => r.PendingSource).OfType<GroupSource>().ToHashSet();
        var groups = index.Groups;
        foreach (var source in groups.BaseRefs.Select(r => r.PendingSource).OfType<GroupSource>().Where(needed.Contains))
            yield return new CreateGroupAction(source, source.BaseName!);

        foreach (var source in needed.Where(s => s.Kind != GroupSourceKind.Base).OrderBy(s => s.Kind).ThenBy(s => s.Id))
            yield return new CreateGroupAction(source, groups.ExpectedNames[source]);

        foreach (var (source, name) in groups.ExpectedNames.OrderBy(p => p.Key.Id))
        {
            if (groups.Existing(source) is { } group && !string.Equals(group.Name, name, StringComparison.Ordinal)
                && !groups.BaseGroupIds.Contains(group.Id))
            {
                yield return new RenameGroupAction(source, group.Id, name);
            }
        }
    }
}
