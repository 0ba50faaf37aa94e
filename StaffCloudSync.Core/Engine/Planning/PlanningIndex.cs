using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The snapshot arranged by id once, in O(n), so deciding for one person never scans all records. Read-only once built:
/// what the run's address changes do lives in <see cref="AddressMoves"/>.</summary>
internal sealed class PlanningIndex
{
    private readonly Dictionary<long, long[]> _currentEventsByEmployee;
    private readonly IReadOnlySet<long> _provenDeleted;

    public PlanningIndex(TenantSnapshot snapshot, PlanSettings settings, DateTimeOffset now)
    {
        Now = now;
        Settings = settings;
        _provenDeleted = snapshot.StaffCloud.ProvenDeleted;

        // A record StaffCloud or MobieTrain returned twice counts once: the first one wins.
        Employees = snapshot.StaffCloud.Employees.DistinctBy(e => e.Id).ToDictionary(e => e.Id);
        CurrentEvents = snapshot.StaffCloud.Events.DistinctBy(e => e.Id)
            .Where(e => Definitions.IsCurrentOrFuture(e, settings.TimeZone, now)).ToDictionary(e => e.Id);
        _currentEventsByEmployee = snapshot.StaffCloud.Assignments
            .Where(a => Definitions.IsConfirmed(a) && CurrentEvents.ContainsKey(a.EventId))
            .GroupBy(a => a.EmployeeId)
            .ToDictionary(g => g.Key, g => g.Select(a => a.EventId).Distinct().Order().ToArray());
        GroupsById = snapshot.MobieTrain.UserGroups.DistinctBy(g => g.Id).ToDictionary(g => g.Id, StringComparer.Ordinal);
        Groups = new SyncGroups(settings, CurrentEvents, snapshot.StaffCloud.Assignments, snapshot.MobieTrain.UserGroups);
        UsersByEmployee = BySyncedEmployee(snapshot.MobieTrain.Users, u => u.ExternalId);
        InvitationsByEmployee = BySyncedEmployee(snapshot.MobieTrain.Invitations, i => i.ExternalId);
        SyncedPersons = UsersByEmployee.Values.Sum(u => u.Count) + InvitationsByEmployee.Values.Sum(i => i.Count);
        DeletionGuard = Planning.DeletionGuard.Decide(this);
        Profiles = Employees.Values.ToDictionary(e => e.Id, e => MappedProfile.From(e, settings.DefaultCallingCode));
    }

    public DateTimeOffset Now { get; }
    public PlanSettings Settings { get; }
    public Dictionary<long, StaffCloudEmployee> Employees { get; }
    public Dictionary<long, MappedProfile> Profiles { get; }
    public Dictionary<long, StaffCloudEvent> CurrentEvents { get; }
    public Dictionary<string, MobieTrainUserGroup> GroupsById { get; }
    public SyncGroups Groups { get; }
    public Dictionary<long, List<MobieTrainUser>> UsersByEmployee { get; }
    public Dictionary<long, List<MobieTrainInvitation>> InvitationsByEmployee { get; }

    public List<MobieTrainUser> UsersOf(long employeeId) => UsersByEmployee.GetValueOrDefault(employeeId) ?? [];
    public List<MobieTrainInvitation> InvitationsOf(long employeeId) => InvitationsByEmployee.GetValueOrDefault(employeeId) ?? [];

    /// <summary>N of the deletion guard: users plus invitations of synced persons, before the run.</summary>
    public int SyncedPersons { get; }
    public DeletionGuardDecision DeletionGuard { get; }

    /// <summary>Rule 1: status 5 or 6, or hard-deleted (left out by the list, and 404 when read singly).</summary>
    public bool IsDeactivated(long employeeId) =>
        Employees.TryGetValue(employeeId, out var employee) ? Definitions.IsDeactivatedStatus(employee.Status) : _provenDeleted.Contains(employeeId);

    public bool IsUnproven(long employeeId) => !Employees.ContainsKey(employeeId) && !_provenDeleted.Contains(employeeId);

    /// <summary>StaffCloud's phone when it differs from the record's, both read with the tenant's calling code; else null.</summary>
    public string? NewPhone(MappedProfile profile, MobieTrainProfile current) =>
        profile.Phone is { } phone && phone != PhoneNumber.Normalize(current.Phone, Settings.DefaultCallingCode) ? phone : null;

    public bool IsStale(MobieTrainInvitation invitation) => Definitions.IsStale(invitation, Settings.InvitationMaxAgeMonths, Now);

    public bool IsDeletionHeld(long employeeId) => Planning.DeletionGuard.Holds(DeletionGuard, Settings, employeeId);

    /// <summary>A record of this (synced, or null for protected) person is removed by this run (rule 1 unless held, rule 2),
    /// removals running before any invitation: otherwise the next run would find its address free and write again.</summary>
    public bool IsRemovedThisRun(long? employeeId, MobieTrainInvitation? invitation) =>
        employeeId is { } id && ((IsDeactivated(id) && !IsDeletionHeld(id))
            || (invitation is not null && !IsDeactivated(id) && !IsUnproven(id) && IsStale(invitation)));

    public long[] CurrentEventsOf(long employeeId) => _currentEventsByEmployee.GetValueOrDefault(employeeId, []);

    public bool IsEligible(long employeeId) =>
        Employees.TryGetValue(employeeId, out var employee) && Definitions.IsEligible(employee.Status, CurrentEventsOf(employeeId).Length);

    public List<long> PeopleInScope() =>
        _currentEventsByEmployee.Keys.Union(UsersByEmployee.Keys).Union(InvitationsByEmployee.Keys).Order().ToList();

    public bool IsInMobieTrain(long employeeId) => UsersByEmployee.ContainsKey(employeeId) || InvitationsByEmployee.ContainsKey(employeeId);

    private static Dictionary<long, List<T>> BySyncedEmployee<T>(IReadOnlyList<T> records, Func<T, string?> externalId) =>
        records.Select(r => (Id: Definitions.SyncedEmployeeId(externalId(r)), Record: r)).Where(r => r.Id is not null)
            .GroupBy(r => r.Id!.Value, r => r.Record).ToDictionary(g => g.Key, g => g.ToList());
}
