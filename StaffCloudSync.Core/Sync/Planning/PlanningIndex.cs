using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.Rules;
using StaffCloudSync.Core.StaffCloud;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The snapshot arranged for the rules: dictionaries by employee id, event id, group id and group externalId, built once
/// in O(n) so that deciding for one person never scans all records, with the words of <see cref="Definitions"/> asked of
/// them, the guard's decision (<see cref="Planning.DeletionGuard"/>) and the run's addresses (<see cref="EmailLedger"/>).
/// </summary>
internal sealed class PlanningIndex
{
    private static readonly long[] NoEvents = [];

    private readonly Dictionary<long, long[]> _currentEventsByEmployee;
    private readonly IReadOnlySet<long> _provenDeleted;

    private PlanningIndex(TenantSnapshot snapshot, PlanSettings settings, DateTimeOffset now)
    {
        Now = now;
        Settings = settings;
        Employees = FirstById(snapshot.StaffCloud.Employees, e => e.Id);
        var events = FirstById(snapshot.StaffCloud.Events, e => e.Id);

        CurrentEvents = new Dictionary<long, StaffCloudEvent>();
        foreach (var staffCloudEvent in events.Values)
        {
            if (Definitions.IsCurrentOrFuture(staffCloudEvent, settings.TimeZone, now))
            {
                CurrentEvents[staffCloudEvent.Id] = staffCloudEvent;
            }
        }

        _currentEventsByEmployee = IndexConfirmedCurrentEvents(snapshot.StaffCloud.Assignments, CurrentEvents);

        GroupsById = new Dictionary<string, MobieTrainUserGroup>(StringComparer.Ordinal);
        foreach (var group in snapshot.MobieTrain.UserGroups)
        {
            GroupsById.TryAdd(group.Id, group);
        }

        Groups = new SyncGroups(settings, CurrentEvents, snapshot.StaffCloud.Assignments, snapshot.MobieTrain.UserGroups);

        UsersByEmployee = new Dictionary<long, List<MobieTrainUser>>();
        InvitationsByEmployee = new Dictionary<long, List<MobieTrainInvitation>>();
        _provenDeleted = snapshot.StaffCloud.ProvenDeleted;
        foreach (var user in snapshot.MobieTrain.Users)
        {
            if (Definitions.SyncedEmployeeId(user.ExternalId) is { } id)
            {
                Add(UsersByEmployee, id, user);
                SyncedPersons++;
            }
        }

        foreach (var invitation in snapshot.MobieTrain.Invitations)
        {
            if (Definitions.SyncedEmployeeId(invitation.ExternalId) is { } id)
            {
                Add(InvitationsByEmployee, id, invitation);
                SyncedPersons++;
            }
        }

        // Persons StaffCloud's list left out without a single read's 404 are never deleted, and count like deletions:
        // the reader only leaves them unproven when there are more of them than the threshold (Sync/Reading/MissingEmployeeProbe).
        DeletionGuard = Planning.DeletionGuard.Decide(UsersByEmployee, InvitationsByEmployee, IsDeactivated, IsUnproven, SyncedPersons, settings);

        Profiles = new Dictionary<long, MappedProfile>(Employees.Count);
        foreach (var employee in Employees.Values)
        {
            Profiles[employee.Id] = MappedProfile.From(employee, settings.DefaultCallingCode);
        }

        Emails = new EmailLedger(snapshot.MobieTrain.Users, snapshot.MobieTrain.Invitations, IsRemovedThisRun,
            Profiles.Where(p => p.Value.Email is not null && IsEligible(p.Key)).Select(p => (p.Key, p.Value.Email!)));
    }

    public DateTimeOffset Now { get; }

    public PlanSettings Settings { get; }

    public Dictionary<long, StaffCloudEmployee> Employees { get; }

    public Dictionary<long, MappedProfile> Profiles { get; }

    /// <summary>Active events whose end (or start) lies after the run's time.</summary>
    public Dictionary<long, StaffCloudEvent> CurrentEvents { get; }

    public Dictionary<string, MobieTrainUserGroup> GroupsById { get; }

    /// <summary>The event, project and base groups of this run, the current ones with their expected names.</summary>
    public SyncGroups Groups { get; }

    public Dictionary<long, List<MobieTrainUser>> UsersByEmployee { get; }

    public Dictionary<long, List<MobieTrainInvitation>> InvitationsByEmployee { get; }

    /// <summary>Users plus invitations whose externalId is an employee id, before the run (N of the deletion guard).</summary>
    public int SyncedPersons { get; }

    /// <summary>The deletion guard's decision for this run's rule-1 deletions.</summary>
    public DeletionGuardDecision DeletionGuard { get; }

    /// <summary>Who holds which address in this run (rules 3 and 7's <c>DuplicateEmail</c>).</summary>
    public EmailLedger Emails { get; }

    /// <summary>Rule 1: status 5 or 6, or hard-deleted — left out by the list and answered 404 when read singly.</summary>
    public bool IsDeactivated(long employeeId) =>
        Employees.TryGetValue(employeeId, out var employee)
            ? Definitions.IsDeactivatedStatus(employee.Status)
            : _provenDeleted.Contains(employeeId);

    /// <summary>Left out by StaffCloud's list and not proven deleted by a single read: held, never deleted.</summary>
    public bool IsUnproven(long employeeId) => !Employees.ContainsKey(employeeId) && !_provenDeleted.Contains(employeeId);

    /// <summary>StaffCloud answered 404 to the single read of this synced person.</summary>
    public bool IsProvenDeleted(long employeeId) => _provenDeleted.Contains(employeeId);

    /// <summary>Rule 2 with the tenant's maximum age (<see cref="Definitions.IsStale"/>).</summary>
    public bool IsStale(MobieTrainInvitation invitation) => Definitions.IsStale(invitation, Settings.InvitationMaxAgeMonths, Now);

    /// <summary>The guard holds this person's rule-1 deletions (<see cref="Planning.DeletionGuard.Holds"/>).</summary>
    public bool IsDeletionHeld(long employeeId) => Planning.DeletionGuard.Holds(DeletionGuard, Settings, employeeId);

    private bool IsRemovedThisRun(long? employeeId, MobieTrainInvitation? invitation) =>
        employeeId is { } id && ((IsDeactivated(id) && !IsDeletionHeld(id))
            || (invitation is not null && !IsDeactivated(id) && !IsUnproven(id) && IsStale(invitation)));

    public static PlanningIndex Build(TenantSnapshot snapshot, PlanSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(settings);
        return new PlanningIndex(snapshot, settings, now);
    }

    /// <summary>The ids of the current-or-future events the employee is confirmed on, ascending.</summary>
    public long[] CurrentEventsOf(long employeeId) => _currentEventsByEmployee.GetValueOrDefault(employeeId, NoEvents);

    public bool IsEligible(long employeeId) =>
        Employees.TryGetValue(employeeId, out var employee)
        && Definitions.IsEligible(employee.Status, CurrentEventsOf(employeeId).Length);

    /// <summary>Every employee id the rules must look at: the confirmed ones and the synced persons, ascending.</summary>
    public List<long> PeopleInScope()
    {
        var ids = new HashSet<long>(_currentEventsByEmployee.Keys);
        ids.UnionWith(UsersByEmployee.Keys);
        ids.UnionWith(InvitationsByEmployee.Keys);
        var sorted = ids.ToList();
        sorted.Sort();
        return sorted;
    }

    /// <summary>The person has a user or an invitation in MobieTrain (before the run).</summary>
    public bool IsInMobieTrain(long employeeId) => UsersByEmployee.ContainsKey(employeeId) || InvitationsByEmployee.ContainsKey(employeeId);

    private static Dictionary<long, long[]> IndexConfirmedCurrentEvents(
        IReadOnlyList<StaffCloudAssignment> assignments, Dictionary<long, StaffCloudEvent> currentEvents)
    {
        var byEmployee = new Dictionary<long, List<long>>();
        foreach (var assignment in assignments)
        {
            if (Definitions.IsConfirmed(assignment) && currentEvents.ContainsKey(assignment.EventId))
            {
                Add(byEmployee, assignment.EmployeeId, assignment.EventId);
            }
        }

        var result = new Dictionary<long, long[]>(byEmployee.Count);
        foreach (var (employeeId, eventIds) in byEmployee)
        {
            eventIds.Sort();
            result[employeeId] = eventIds.Distinct().ToArray();
        }

        return result;
    }

    private static Dictionary<long, T> FirstById<T>(IReadOnlyList<T> records, Func<T, long> id)
    {
        var byId = new Dictionary<long, T>(records.Count);
        foreach (var record in records)
        {
            byId.TryAdd(id(record), record);
        }

        return byId;
    }

    private static void Add<T>(Dictionary<long, List<T>> map, long key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }
}
