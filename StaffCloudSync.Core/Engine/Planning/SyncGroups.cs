using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The groups of one run (sync-rules.md, "event group", "sync-owned group", "base groups"): the existing event and project
/// groups by source id, the current groups of the tenant's <c>GroupBy</c> with their expected names, the projects' names
/// from the assignments read, and the base groups resolved to MobieTrain groups. Part of <see cref="PlanningIndex"/>.</summary>
internal sealed class SyncGroups
{
    private readonly Dictionary<long, StaffCloudEvent> _currentEvents;

    public SyncGroups(
        PlanSettings settings,
        Dictionary<long, StaffCloudEvent> currentEvents,
        IReadOnlyList<StaffCloudAssignment> assignments,
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

    /// <summary>Existing event groups by event id, whatever the mode.</summary>
    public Dictionary<long, MobieTrainUserGroup> EventGroups { get; } = [];

    /// <summary>Existing project groups by project id, whatever the mode.</summary>
    public Dictionary<long, MobieTrainUserGroup> ProjectGroups { get; } = [];

    /// <summary>The names of the projects of current-or-future events with a confirmed assignment (<c>Project &lt;id&gt;</c> where StaffCloud gave none).</summary>
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

    /// <summary>The groups of the tenant's mode for these current-or-future confirmed events, ascending: each event's group, or
    /// the projects of the events (an event without a project gives none).</summary>
    public List<GroupSource> SourcesOf(long[] events) => Mode == GroupMode.Event
        ? events.Select(GroupSource.Event).ToList()
        : events.Select(id => _currentEvents.GetValueOrDefault(id)?.ProjectId).OfType<long>().Distinct().Order().Select(GroupSource.Project).ToList();

    /// <summary>The event's project name for <c>{project}</c>: empty without a project, null when this run cannot know it.</summary>
    public string? ProjectNameOf(StaffCloudEvent staffCloudEvent) =>
        staffCloudEvent.ProjectId is { } projectId ? ProjectNames.GetValueOrDefault(projectId) : string.Empty;

    /// <summary>Rule 4, the only place that plans a group action: create the event, project and base groups that a planned write needs
    /// and that do not exist yet (base groups first, by name only); rename the existing current groups of the tenant's mode
    /// whose expected name changed. Groups that are not current (finished events, the other mode's groups) and base groups
    /// are left as they are, and no group is ever deleted.</summary>
    /// <param name="plannedGroupSets">The group sets of the run's planned invitations, replacements and updates.</param>
    public IEnumerable<SyncAction> Actions(IEnumerable<IReadOnlyList<GroupRef>> plannedGroupSets)
    {
        var needed = plannedGroupSets.SelectMany(set => set).Select(r => r.PendingSource).OfType<GroupSource>().ToHashSet();
        foreach (var source in BaseRefs.Select(r => r.PendingSource).OfType<GroupSource>().Where(needed.Contains))
            yield return new CreateGroupAction(source, source.BaseName!);

        foreach (var source in needed.Where(s => s.Kind != GroupSourceKind.Base).OrderBy(s => s.Kind).ThenBy(s => s.Id))
            yield return new CreateGroupAction(source, ExpectedNames[source]);

        foreach (var (source, name) in ExpectedNames.OrderBy(p => p.Key.Id))
        {
            if (Existing(source) is { } group && !string.Equals(group.Name, name, StringComparison.Ordinal)
                && !BaseGroupIds.Contains(group.Id))
            {
                yield return new RenameGroupAction(source, group.Id, name);
            }
        }
    }

    /// <summary>The current groups of the mode with their rendered names, in ascending source id.</summary>
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
            var projectName = ProjectNameOf(staffCloudEvent);
            if (template.UsesProject && projectName is null)
            {
                // Nobody is confirmed on this project's current events, so the read carried no name for it: its group is
                // needed by no one, and a guessed name would be renamed back and forth. It keeps its name for now.
                continue;
            }

            var source = GroupSource.Event(eventId);
            candidates.Add((source, template.Render(staffCloudEvent, projectName), Existing(source)?.Id));
        }

        return candidates;
    }

    /// <summary>A project's name from the joined field of its events' confirmed assignments, the lowest assignment id's first, so
    /// two answers that disagree still give one name; <c>Project &lt;id&gt;</c> when StaffCloud gave none (staffcloud-api.md).</summary>
    private static Dictionary<long, string> ReadProjectNames(
        Dictionary<long, StaffCloudEvent> currentEvents, IReadOnlyList<StaffCloudAssignment> assignments)
    {
        var names = assignments.Where(Definitions.IsConfirmed).OrderBy(a => a.Id)
            .Select(a => (ProjectId: currentEvents.GetValueOrDefault(a.EventId)?.ProjectId, Name: PersonName.Normalize(a.ProjectName)))
            .Where(a => a.ProjectId is not null)
            .GroupBy(a => a.ProjectId!.Value)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Name).FirstOrDefault(n => n is not null));

        return names.ToDictionary(p => p.Key, p => p.Value ?? "Project " + p.Key.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Each base group name to a MobieTrain group, compared case-insensitively: the group whose name matches exactly, else
    /// the lowest id in ordinal order (<paramref name="ordered"/> is in that order); a name no group has is pending.</summary>
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

    /// <summary>Names from the template, given in ascending order of the event's or project's id. Two groups with one name would be
    /// ambiguous to the people in them (and MobieTrain refuses a second group of the same name), so a group whose name is
    /// held by another MobieTrain group, or was given to a lower id in this run, gets <c> [&lt;id&gt;]</c> appended —
    /// deterministic, so a group that holds a name keeps it and repeated runs agree. The names of base groups this run may
    /// create are held too.</summary>
    /// <param name="candidates">The current groups with their rendered names, in ascending source id.</param>
    private static Dictionary<GroupSource, string> ExpectedNamesOf(
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
