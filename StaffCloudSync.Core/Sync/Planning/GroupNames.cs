using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.Rules;
using StaffCloudSync.Core.StaffCloud;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>The name each current event's group should have (rule 4), from the tenant's template.</summary>
internal static class GroupNames
{
    /// <summary>
    /// Names from the template. Two groups with one name would be ambiguous to the people in them (and
    /// MobieTrain refuses a second group of the same name), so an event whose name is taken by another group or
    /// by an event with a lower id gets its id appended — deterministic, so repeated runs agree.
    /// </summary>
    public static Dictionary<long, string> Expected(
        Dictionary<long, StaffCloudEvent> currentEvents,
        Dictionary<long, MobieTrainUserGroup> eventGroups,
        IReadOnlyList<MobieTrainUserGroup> groups,
        GroupNameTemplate template)
    {
        var takenBy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            takenBy.TryAdd(group.Name, group.Id);
        }

        var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<long, string>(currentEvents.Count);
        foreach (var eventId in currentEvents.Keys.Order())
        {
            var name = template.Render(currentEvents[eventId]);
            var ownGroupId = eventGroups.TryGetValue(eventId, out var own) ? own.Id : null;
            var takenByOther = takenBy.TryGetValue(name, out var holder) && holder != ownGroupId;
            if (takenByOther || !claimed.Add(name))
            {
                name = PersonName.Truncate(name, GroupNameTemplate.MaxNameLength - 24) + $" [{eventId}]";
                claimed.Add(name);
            }

            names[eventId] = name;
        }

        return names;
    }
}
