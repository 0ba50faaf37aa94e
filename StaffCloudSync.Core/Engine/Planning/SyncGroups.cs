using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The groups of one run (sync-rules.md, "event group", "sync-owned group", "base groups"), part of <see cref="PlanningIndex"/>.</summary>
internal sealed class SyncGroups
{
    private readonly Dictionary<long, StaffCloudEvent> _currentEvents;

    public SyncGroups(PlanSettings settings, Dictionary<long, StaffCloudEvent> currentEvents, IReadOnlyList<StaffCloudAssignment> assignments,
        IReadOnlyList<MobieTrainUserGroup> groups)
    {
        Mode = settings.GroupBy;
        _currentEvents = currentEvents;
        var ordered = groups.OrderBy(g => g.Id, StringComparer.Ordinal).ToList();
        foreach (var group in ordered)
        {
            // The group with the lowest id wins when two share an externalId.
            if (GroupExternalIds.TryParseEventGroup(group.ExternalId) is { } eventId)
                EventGroups.TryAdd(eventId, group);
            else if (GroupExternalIds.TryParseProjectGroup(group.ExternalId) is { } projectId)
                ProjectGroups.TryAdd(projectId, group);
        }

        ProjectNames = ReadProjectNames(currentEvents, assignments);
        (BaseRefs, BaseGroupIds) = ResolveBaseGroups(settings.BaseGroups, ordered);
        ExpectedNames = ExpectedNamesOf(Candidates(settings.GroupNameTemplate), groups,
            BaseRefs.Where(r => r.IsPending).Select(r => r.PendingSource!.Value.BaseName!));
    }

    public GroupMode Mode { get; }
    public Dictionary<long, MobieTrainUserGroup> EventGroups { get; } = [];
    public Dictionary<long, MobieTrainUserGroup> ProjectGroups { get; } = [];
    public Dictionary<long, string> ProjectNames { get; }

    /// <summary>The current groups of the tenant's mode and the name each should have (rule 4).</summary>
    public Dictionary<GroupSource, string> ExpectedNames { get; }

    /// <summary>The base groups, in the setting's order: existing groups, or pending ones the plan creates when needed.</summary>
    public IReadOnlyList<GroupRef> BaseRefs { get; }
    public IReadOnlySet<string> BaseGroupIds { get; }

    public MobieTrainUserGroup? Existing(GroupSource source) => source.Kind switch
    {
        GroupSourceKind.Event => EventGroups.GetValueOrDefault(source.Id),
        GroupSourceKind.Project => ProjectGroups.GetValueOrDefault(source.Id),
        _ => null,
    };

    public GroupRef RefFor(GroupSource source) =>
        Existing(source) is { } group ? GroupRef.Existing(group.Id) : GroupRef.Pending(source);

    /// <summary>The groups of the tenant's mode for these events, ascending (an event without a project gives no project group).</summary>
    public List<GroupSource> SourcesOf(long[] events) => Mode == GroupMode.Event
        ? events.Select(GroupSource.Event).ToList()
        : events.Select(id => _currentEvents.GetValueOrDefault(id)?.ProjectId).OfType<long>().Distinct().Order().Select(GroupSource.Project).ToList();

    /// <summary>Rule 4, the only place that plans a group action: creates what the planned group sets need (base groups first, by
    /// name only) and renames the current groups of the tenant's mode; no group is ever deleted.</summary>
    public IEnumerable<SyncAction> Actions(IEnumerable<IReadOnlyList<GroupRef>> plannedGroupSets)
    {
        var needed = plannedGroupSets.SelectMany(set => set).Select(r => r.PendingSource).OfType<GroupSource>().ToHashSet();
        foreach (var source in BaseRefs.Select(r => r.PendingSource).OfType<GroupSource>().Where(needed.Contains))
            yield return new CreateGroupAction(source, source.BaseName!);

        foreach (var source in needed.Where(s => s.Kind != GroupSourceKind.Base).OrderBy(s => s.Kind).ThenBy(s => s.Id))
            yield return new CreateGroupAction(source, ExpectedNames[source]);

        foreach (var (source, name) in ExpectedNames.OrderBy(p => p.Key.Id))
        {
            if (Existing(source) is { } group && !string.Equals(group.Name, name, StringComparison.Ordinal) && !BaseGroupIds.Contains(group.Id))
                yield return new RenameGroupAction(source, group.Id, name);
        }
    }

    private List<(GroupSource Source, string Name, string? OwnGroupId)> Candidates(GroupNameTemplate template)
    {
        if (Mode == GroupMode.Project)
        {
            return ProjectNames.OrderBy(p => p.Key)
                .Select(p => (GroupSource.Project(p.Key), template.RenderProject(p.Key, p.Value), ProjectGroups.GetValueOrDefault(p.Key)?.Id))
                .ToList();
        }

        var candidates = new List<(GroupSource, string, string?)>();
        foreach (var eventId in _currentEvents.Keys.Order())
        {
            var staffCloudEvent = _currentEvents[eventId];
            var projectName = staffCloudEvent.ProjectId is { } projectId ? ProjectNames.GetValueOrDefault(projectId) : string.Empty;
            // No one confirmed on the project's current events: no name was read, and a guessed one would flip back and forth.
            if (template.UsesProject && projectName is null)
                continue;

            var source = GroupSource.Event(eventId);
            candidates.Add((source, template.Render(staffCloudEvent, projectName), Existing(source)?.Id));
        }

        return candidates;
    }

    /// <summary>The lowest assignment id's project name wins, so disagreeing answers still give one; <c>Project &lt;id&gt;</c> without one.</summary>
    private static Dictionary<long, string> ReadProjectNames(
        Dictionary<long, StaffCloudEvent> currentEvents, IReadOnlyList<StaffCloudAssignment> assignments) =>
        assignments.Where(Definitions.IsConfirmed).OrderBy(a => a.Id)
            .Select(a => (ProjectId: currentEvents.GetValueOrDefault(a.EventId)?.ProjectId, Name: PersonName.Normalize(a.ProjectName)))
            .Where(a => a.ProjectId is not null).GroupBy(a => a.ProjectId!.Value).ToDictionary(g => g.Key,
                g => g.Select(a => a.Name).FirstOrDefault(n => n is not null) ?? "Project " + g.Key.ToString(CultureInfo.InvariantCulture));

    /// <summary>Case-insensitive: the exact match, else the lowest id (<paramref name="ordered"/>); a name no group has is pending.</summary>
    private static (IReadOnlyList<GroupRef>, IReadOnlySet<string>) ResolveBaseGroups(IReadOnlyList<string> names, List<MobieTrainUserGroup> ordered)
    {
        var refs = new List<GroupRef>(names.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            // A marker is never a base group, whatever its name: rule 6 would otherwise put everyone into it.
            var matches = ordered.Where(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase) && !TenantMarker.IsMarker(g.ExternalId)).ToList();
            var match = matches.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal)) ?? matches.FirstOrDefault();
            if (match is null)
                refs.Add(GroupRef.Pending(GroupSource.Base(name)));
            else if (ids.Add(match.Id))
                refs.Add(GroupRef.Existing(match.Id));
        }

        return (refs, ids);
    }

    /// <summary>A name held by another group (or a base group this run may create), or given to a lower id in this run, gets
    /// <c> [&lt;id&gt;]</c> (MobieTrain refuses two groups of one name); deterministic, so repeated runs agree.</summary>
    private static Dictionary<GroupSource, string> ExpectedNamesOf(IReadOnlyList<(GroupSource Source, string Name, string? OwnGroupId)> candidates,
        IReadOnlyList<MobieTrainUserGroup> groups, IEnumerable<string> reservedNames)
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

public enum GroupSourceKind { Event, Project, Base }

/// <summary>How a plan names a group before it has a MobieTrain id; a base group has a name only.</summary>
public readonly record struct GroupSource(GroupSourceKind Kind, long Id, string? BaseName)
{
    public static GroupSource Event(long eventId) => new(GroupSourceKind.Event, eventId, null);
    public static GroupSource Project(long projectId) => new(GroupSourceKind.Project, projectId, null);
    public static GroupSource Base(string name) => new(GroupSourceKind.Base, 0, name);

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

/// <summary>An existing MobieTrain group, or one this plan creates first (its id is known only once the create succeeded).</summary>
public readonly record struct GroupRef(string? GroupId, GroupSource? PendingSource)
{
    public static GroupRef Existing(string groupId) => new(groupId, null);
    public static GroupRef Pending(GroupSource source) => new(null, source);

    public bool IsPending => PendingSource is not null;

    public override string ToString() => GroupId ?? $"<new group of {PendingSource}>";
}
