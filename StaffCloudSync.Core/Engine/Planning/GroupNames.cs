using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The name each current event or project group should have (rule 4), from the tenant's template.</summary>
internal static class GroupNames
{
    /// <summary>
    /// Names from the template, given in ascending order of the event's or project's id. Two groups with one name would be
    /// ambiguous to the people in them (and MobieTrain refuses a second group of the same name), so a group whose name is
    /// held by another MobieTrain group, or was given to a lower id in this run, gets <c> [&lt;id&gt;]</c> appended —
    /// deterministic, so a group that holds a name keeps it and repeated runs agree. The names of base groups this run may
    /// create are held too.
    /// </summary>
    /// <param name="candidates">The current groups with their rendered names, in ascending source id.</param>
    public static Dictionary<GroupSource, string> Expected(
        IReadOnlyList<(GroupSource Source, string Name, string? OwnGroupId)> candidates,
        IReadOnlyList<MobieTrainUserGroup> groups,
        IEnumerable<string> reservedNames)
    {
        var takenBy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, id) in groups.Select(g => (g.Name, g.Id)).Concat(reservedNames.Select(n => (n, string.Empty))))
            takenBy.TryAdd(name, id);

        var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<GroupSource, string>(candidates.Count);
        foreach (var (source, rendered, ownGroupId) in candidates)
        {
            var name = rendered;
            var takenByOther = takenBy.TryGetValue(name, out var holder) && holder != ownGroupId;
            if (takenByOther || !claimed.Add(name))
            {
                name = PersonName.Truncate(name, GroupNameTemplate.MaxNameLength - 24) + $" [{source.Id.ToString(CultureInfo.InvariantCulture)}]";
                claimed.Add(name);
            }

            names[source] = name;
        }

        return names;
    }
}
