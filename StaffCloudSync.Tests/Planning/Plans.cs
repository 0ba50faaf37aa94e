using System.Globalization;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Planning;

/// <summary>A terse way to write a tenant's StaffCloud and MobieTrain state for planner tests.</summary>
internal sealed class Plans
{
    /// <summary>The run time most tests use: 2026-03-01 02:00 UTC (03:00 in Zurich).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly List<StaffCloudEmployee> _employees = [];
    private readonly List<StaffCloudEvent> _events = [];
    private readonly List<StaffCloudAssignment> _assignments = [];
    private readonly List<MobieTrainUserGroup> _groups = [];
    private readonly List<MobieTrainUser> _users = [];
    private readonly List<MobieTrainInvitation> _invitations = [];
    private readonly HashSet<long> _provenDeleted = [];
    private int _nextId = 1;

    public TenantSettings Tenant { get; set; } = DefaultTenant();

    /// <summary>The persons an approval in force names (their deletions bypass the guard).</summary>
    public HashSet<long> ApprovedDeletions { get; set; } = [];

    public static TenantSettings DefaultTenant() =>
        new() { TenantId = "acme", StaffCloudApiTenant = "acme", MobieTrainAccountId = "acme" };

    public Plans Employee(long id, int status = 4, string? first = "Ana", string? last = "Lopez", string? email = "default",
        string? mobile = null, string? phone = null, string? language = "en")
    {
        _employees.Add(new StaffCloudEmployee(id, status, first, last,
            email == "default" ? $"e{id}@example.com" : email, mobile, phone, language));
        return this;
    }

    public Plans Event(long id, string name = "Fair", string? start = "2026-03-05 08:00:00", string? end = "2026-03-05 18:00:00", int status = 2,
        long? project = null)
    {
        _events.Add(new StaffCloudEvent(id, name, status, Parse(start), Parse(end)) { ProjectId = project });
        return this;
    }

    /// <param name="projectName">The joined field <c>event.project.name</c> as the assignments read carries it.</param>
    public Plans Assignment(long employeeId, long eventId, int status = 7, string? projectName = null)
    {
        _assignments.Add(new StaffCloudAssignment(_nextId++, employeeId, eventId, status, null, null) { ProjectName = projectName });
        return this;
    }

    /// <summary>An active employee confirmed on one current event (created when missing).</summary>
    public Plans Eligible(long employeeId, long eventId = 10, string? email = "default")
    {
        if (_events.All(e => e.Id != eventId))
        {
            Event(eventId);
        }

        return Employee(employeeId, email: email).Assignment(employeeId, eventId);
    }

    public Plans Group(string id, string name, string? externalId = null)
    {
        _groups.Add(new MobieTrainUserGroup(id, name, externalId));
        return this;
    }

    /// <summary>The event group of an event, named as the default template names it.</summary>
    public Plans EventGroup(long eventId, string? id = null, string? name = null)
    {
        var staffCloudEvent = _events.Single(e => e.Id == eventId);
        return Group(id ?? $"g{eventId}", name ?? $"{staffCloudEvent.Name} ({staffCloudEvent.Start:yyyy-MM-dd})", $"staffcloud-event-{eventId}");
    }

    public Plans User(string? externalId, string first = "Ana", string last = "Lopez", string? email = "default", string? phone = null,
        string language = "en", string? id = null, params string[] groups)
    {
        _users.Add(new MobieTrainUser(id ?? $"u{externalId ?? _nextId++.ToString(CultureInfo.InvariantCulture)}", externalId,
            new MobieTrainProfile(first, last, email == "default" ? $"e{externalId}@example.com" : email, phone, language),
            groups, Now.AddYears(-1)));
        return this;
    }

    public Plans Invitation(string? externalId, string first = "Ana", string last = "Lopez", string? email = "default", string? phone = null,
        string language = "en", DateTimeOffset? createdAt = null, string? id = null, params string[] groups)
    {
        _invitations.Add(new MobieTrainInvitation(id ?? $"i{externalId ?? _nextId++.ToString(CultureInfo.InvariantCulture)}", externalId,
            new MobieTrainProfile(first, last, email == "default" ? $"e{externalId}@example.com" : email, phone, language),
            groups, createdAt ?? Now.AddMonths(-1)));
        return this;
    }

    /// <summary>A pending invitation MobieTrain lists without a <c>createdAt</c> (its age is unknown).</summary>
    public Plans InvitationWithoutCreatedAt(string externalId)
    {
        _invitations.Add(new MobieTrainInvitation($"i{externalId}", externalId,
            new MobieTrainProfile("Ana", "Lopez", $"e{externalId}@example.com", null, "en"), [], null));
        return this;
    }

    /// <summary>StaffCloud answered 404 to this employee's single read: the proof of a hard deletion.</summary>
    public Plans HardDeleted(long employeeId)
    {
        _provenDeleted.Add(employeeId);
        return this;
    }

    public TenantSnapshot Snapshot() => new(
        new StaffCloudSnapshot(_employees.ToList(), _events.ToList(), _assignments.ToList()) { ProvenDeleted = _provenDeleted.ToHashSet() },
        new MobieTrainSnapshot(_groups.ToList(), _users.ToList(), _invitations.ToList()));

    public SyncPlan Plan(DateTimeOffset? now = null) =>
        SyncPlanner.Plan(Snapshot(), TenantPlanSettings.From(Tenant, ApprovedDeletions), now ?? Now);

    private static DateTime? Parse(string? value) =>
        value is null ? null : DateTime.ParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

internal static class PlanAssertions
{
    public static T Single<T>(this SyncPlan plan) where T : SyncAction
    {
        var matches = plan.Actions.OfType<T>().ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"expected one {typeof(T).Name}; plan: {Describe(plan)}");
        return matches[0];
    }

    public static IReadOnlyList<T> All<T>(this SyncPlan plan) where T : SyncAction => plan.Actions.OfType<T>().ToList();

    public static string Describe(SyncPlan plan) =>
        plan.Actions.Count == 0 ? "(empty)" : string.Join("; ", plan.Actions.Select(a => $"{a.Kind} {a.PersonId} {a.MobieTrainId}"));
}
