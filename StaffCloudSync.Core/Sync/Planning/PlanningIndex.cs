using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.Rules;
using StaffCloudSync.Core.StaffCloud;
using StaffCloudSync.Core.Sync.Reading;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The snapshot arranged for the rules: dictionaries by employee id, event id, group id, group externalId and
/// e-mail, built once in O(n) so that deciding for one person never scans all records.
/// </summary>
internal sealed class PlanningIndex
{
    private static readonly long[] NoEvents = [];

    private readonly Dictionary<long, long[]> _currentEventsByEmployee;
    private readonly Dictionary<string, List<long?>> _emailOwners;
    private readonly Dictionary<string, long> _lowestEligibleIdByEmail;
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
        EventGroups = new Dictionary<long, MobieTrainUserGroup>();
        foreach (var group in snapshot.MobieTrain.UserGroups.OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            GroupsById.TryAdd(group.Id, group);
            if (TryParseEventGroup(group.ExternalId) is { } eventId)
            {
                EventGroups.TryAdd(eventId, group);
            }
        }

        UsersByEmployee = new Dictionary<long, List<MobieTrainUser>>();
        InvitationsByEmployee = new Dictionary<long, List<MobieTrainInvitation>>();
        _provenDeleted = snapshot.StaffCloud.ProvenDeleted;
        foreach (var user in snapshot.MobieTrain.Users)
        {
            if (ExternalId.TryParseEmployeeId(user.ExternalId) is { } id)
            {
                Add(UsersByEmployee, id, user);
                SyncedPersons++;
            }
        }

        foreach (var invitation in snapshot.MobieTrain.Invitations)
        {
            if (ExternalId.TryParseEmployeeId(invitation.ExternalId) is { } id)
            {
                Add(InvitationsByEmployee, id, invitation);
                SyncedPersons++;
            }
        }

        // Persons StaffCloud's list left out without a single read's 404 are never deleted, and count like deletions:
        // the reader only leaves them unproven when there are more of them than the threshold (MissingEmployeeProbe).
        DeletionGuard = Planning.DeletionGuard.Decide(UsersByEmployee, InvitationsByEmployee, IsDeactivated, IsUnproven, SyncedPersons, settings);

        // An address counts as used by the records that will still hold it after this run's removals (rule 1 unless
        // held, rule 2), which run before any invitation: otherwise the next run would find it free and write again.
        _emailOwners = new Dictionary<string, List<long?>>(EmailAddress.Comparer);
        foreach (var user in snapshot.MobieTrain.Users)
        {
            var employeeId = ExternalId.TryParseEmployeeId(user.ExternalId);
            if (!IsRemovedThisRun(employeeId, null))
            {
                AddOwner(user.Profile.Email, employeeId);
            }
        }

        foreach (var invitation in snapshot.MobieTrain.Invitations)
        {
            var employeeId = ExternalId.TryParseEmployeeId(invitation.ExternalId);
            if (!IsRemovedThisRun(employeeId, invitation))
            {
                AddOwner(invitation.Profile.Email, employeeId);
            }
        }

        Profiles = new Dictionary<long, MappedProfile>(Employees.Count);
        _lowestEligibleIdByEmail = new Dictionary<string, long>(EmailAddress.Comparer);
        foreach (var employee in Employees.Values)
        {
            var profile = MappedProfile.From(employee);
            Profiles[employee.Id] = profile;
            if (profile.Email is { } email && IsEligible(employee.Id)
                && (!_lowestEligibleIdByEmail.TryGetValue(email, out var lowest) || employee.Id < lowest))
            {
                _lowestEligibleIdByEmail[email] = employee.Id;
            }
        }

        ExpectedGroupNames = GroupNames.Expected(CurrentEvents, EventGroups, snapshot.MobieTrain.UserGroups, settings.GroupNameTemplate);
    }

    public DateTimeOffset Now { get; }

    public PlanSettings Settings { get; }

    public Dictionary<long, StaffCloudEmployee> Employees { get; }

    public Dictionary<long, MappedProfile> Profiles { get; }

    /// <summary>Active events whose end (or start) lies after the run's time.</summary>
    public Dictionary<long, StaffCloudEvent> CurrentEvents { get; }

    public Dictionary<string, MobieTrainUserGroup> GroupsById { get; }

    /// <summary>Existing event groups by event id (the group with the lowest id wins when two share an externalId).</summary>
    public Dictionary<long, MobieTrainUserGroup> EventGroups { get; }

    /// <summary>The group name each current event's group should have.</summary>
    public Dictionary<long, string> ExpectedGroupNames { get; }

    public Dictionary<long, List<MobieTrainUser>> UsersByEmployee { get; }

    public Dictionary<long, List<MobieTrainInvitation>> InvitationsByEmployee { get; }

    /// <summary>Users plus invitations whose externalId is an employee id, before the run (N of the deletion guard).</summary>
    public int SyncedPersons { get; }

    /// <summary>The deletion guard's decision for this run's rule-1 deletions.</summary>
    public DeletionGuardDecision DeletionGuard { get; }

    /// <summary>Rule 1: status 5 or 6, or hard-deleted — left out by the list and answered 404 when read singly.</summary>
    public bool IsDeactivated(long employeeId) =>
        Employees.TryGetValue(employeeId, out var employee)
            ? Definitions.IsDeactivatedStatus(employee.Status)
            : _provenDeleted.Contains(employeeId);

    /// <summary>Left out by StaffCloud's list and not proven deleted by a single read: held, never deleted.</summary>
    public bool IsUnproven(long employeeId) => !Employees.ContainsKey(employeeId) && !_provenDeleted.Contains(employeeId);

    /// <summary>StaffCloud answered 404 to the single read of this synced person.</summary>
    public bool IsProvenDeleted(long employeeId) => _provenDeleted.Contains(employeeId);

    /// <summary>Rule 2: created at or before the run's time minus the tenant's maximum age in calendar months.</summary>
    public bool IsStale(MobieTrainInvitation invitation) =>
        invitation.CreatedAt is { } createdAt && createdAt <= Now.AddMonths(-Settings.InvitationMaxAgeMonths);

    /// <summary>The guard holds this person's rule-1 deletions: it tripped, and no approval names them.</summary>
    public bool IsDeletionHeld(long employeeId) => DeletionGuard.Held && !Settings.ApprovedDeletions.Contains(employeeId);

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

    /// <summary>True when a MobieTrain user or invitation of another person (or a protected one) uses the address.</summary>
    public bool IsEmailUsedByOther(string email, long employeeId) =>
        _emailOwners.TryGetValue(email, out var owners) && owners.Exists(owner => owner != employeeId);

    /// <summary>
    /// A record of this person changes address in this run (a user's update, an invitation's replacement or withdrawal,
    /// <paramref name="to"/> null), which is applied before new invitations: the old address is free for them, the new one taken.
    /// </summary>
    public void MoveEmail(long employeeId, string? from, string? to)
    {
        if (EmailAddress.Normalize(from) is { } old && _emailOwners.TryGetValue(old, out var owners))
        {
            owners.Remove(employeeId);
        }

        AddOwner(to, employeeId);
    }

    /// <summary>True when an eligible employee with a lower id has the same address.</summary>
    public bool IsEmailOfLowerEligible(string email, long employeeId) =>
        _lowestEligibleIdByEmail.TryGetValue(email, out var lowest) && lowest < employeeId;

    public GroupRef GroupRefFor(long eventId) =>
        EventGroups.TryGetValue(eventId, out var group) ? GroupRef.Existing(group.Id) : GroupRef.Pending(eventId);

    public static long? TryParseEventGroup(string? externalId) =>
        ExternalId.IsEventGroup(externalId)
            ? ExternalId.TryParseEmployeeId(externalId![ExternalId.EventGroupPrefix.Length..])
            : null;

    private void AddOwner(string? rawEmail, long? employeeId)
    {
        if (EmailAddress.Normalize(rawEmail) is not { } email)
        {
            return;
        }

        if (!_emailOwners.TryGetValue(email, out var owners))
        {
            owners = new List<long?>(1);
            _emailOwners[email] = owners;
        }

        owners.Add(employeeId);
    }

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
