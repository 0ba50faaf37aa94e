using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>A generated tenant, deterministic for its seed: as a snapshot (the planner alone) and as a scenario (the whole path).</summary>
public sealed class BenchTenant
{
    public static readonly DateTimeOffset SyncAt = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private BenchTenant(BenchProfile profile)
    {
        Profile = profile;
        var random = new Random(profile.Seed);
        var now = SyncAt.UtcDateTime;
        for (var e = 1; e <= profile.Events; e++)
        {
            var future = random.NextDouble() < profile.FutureEventShare;
            var start = now.AddDays(future ? random.Next(1, 180) : -random.Next(1, 60)).Date.AddHours(random.Next(6, 18));
            Events.Add(new StaffCloudEvent(e, $"Event {e}", 2, DateTime.SpecifyKind(start, DateTimeKind.Unspecified),
                DateTime.SpecifyKind(start.AddHours(random.Next(3, 12)), DateTimeKind.Unspecified))
            {
                ProjectId = profile.Projects > 0 ? (e % profile.Projects) + 1 : null,
            });
        }

        var assignmentId = 0L;
        for (var id = 1; id <= profile.Employees; id++)
        {
            var active = random.NextDouble() < profile.ActiveShare;
            var status = active ? 4 : random.Next(4) switch { 0 => 1, 1 => 3, 2 => 5, _ => 6 };
            Employees.Add(new StaffCloudEmployee(id, status, $"First{id}", $"Last{id}", $"employee{id}@example.com",
                random.Next(3) == 0 ? $"+41 79 {id % 1000:000} {id / 1000 % 100:00} {id % 100:00}" : null, null, random.Next(2) == 0 ? "de" : "fr"));
            var scheduled = profile.ScheduledEmployees is not { } limit || id <= limit;
            var count = scheduled ? Math.Max(profile.MinAssignmentsPerEmployee, (int)Math.Round(random.NextDouble() * 2 * profile.AssignmentsPerEmployee)) : 0;
            for (var a = 0; a < count; a++)
            {
                Assignments.Add(new StaffCloudAssignment(++assignmentId, id, random.Next(1, profile.Events + 1),
                    random.NextDouble() < profile.ConfirmedShare ? 7 : random.Next(1, 7), null, null));
            }
        }

        AddExistingUsers(random);
    }

    public BenchProfile Profile { get; }
    public List<StaffCloudEmployee> Employees { get; } = [];
    public List<StaffCloudEvent> Events { get; } = [];
    public List<StaffCloudAssignment> Assignments { get; } = [];
    public List<MobieTrainUserGroupResource> Groups { get; } = [];
    public List<MobieTrainUserResource> Users { get; } = [];
    public static TenantSettings Tenant { get; } = new() { TenantId = "bench", StaffCloudApiTenant = "bench", MobieTrainAccountId = "bench", TimeZone = "UTC" };

    public static BenchTenant Generate(BenchProfile profile) => new(profile);

    // Active, confirmed on an event that has not ended at SyncAt.
    public HashSet<long> EligibleIds()
    {
        var current = Events.Where(e => e.End > SyncAt.UtcDateTime).Select(e => e.Id).ToHashSet();
        var active = Employees.Where(e => e.Status == 4).Select(e => e.Id).ToHashSet();
        return Assignments.Where(a => a.Status == 7 && current.Contains(a.EventId) && active.Contains(a.EmployeeId)).Select(a => a.EmployeeId).ToHashSet();
    }

    public TenantSnapshot Snapshot() => new(
        new StaffCloudSnapshot(Employees, Events, Assignments),
        new MobieTrainSnapshot(
            Groups.Select(g => new MobieTrainUserGroup(g.Id, g.Name, g.ExternalId)).ToList(),
            Users.Select(u => new MobieTrainUser(u.Id, u.ExternalId, new MobieTrainProfile(u.FirstName, u.LastName, u.Email, u.Phone, u.Language), u.UserGroupIds, u.RegisteredAt)).ToList(),
            []));

    // All syncs at the same instant: twelve hours later, events that ended meanwhile would rightly change groups.
    public Scenario Scenario(int syncs = 2) => new(
        Tenant,
        new StaffCloudRecords(
            Employees.Select(Json).ToList(),
            Events.Select(Json).ToList(),
            Assignments.Select(Json).ToList())
        {
            Projects = [.. Enumerable.Range(1, Profile.Projects).Select(p => new JsonObject { ["id"] = p, ["name"] = $"Store {p}" })],
        },
        new MobieTrainContents { UserGroups = Groups, Users = Users },
        new SimulatorSettings(Profile.LatencyMs, 0, []),
        new SimulatorSettings(Profile.LatencyMs, Profile.MobieTrainRateLimitPerSecond, []),
        Enumerable.Range(0, syncs).Select(_ => (ScenarioStep)new SyncStep(SyncAt, false, null)).ToList());

    private void AddExistingUsers(Random random)
    {
        if (Profile.ExistingUserShare <= 0)
            return;

        var current = Events.Where(e => e.End > SyncAt.UtcDateTime).ToDictionary(e => e.Id);
        foreach (var staffCloudEvent in current.Values)
            Groups.Add(new MobieTrainUserGroupResource { Id = $"g{staffCloudEvent.Id}", Name = $"{staffCloudEvent.Name} ({staffCloudEvent.Start:yyyy-MM-dd})", ExternalId = $"staffcloud-event-{staffCloudEvent.Id}" });

        var eventsOf = Assignments.Where(a => a.Status == 7 && current.ContainsKey(a.EventId))
            .GroupBy(a => a.EmployeeId).ToDictionary(g => g.Key, g => g.Select(a => a.EventId).Distinct().Order().ToList());
        var employees = Employees.ToDictionary(e => e.Id);
        foreach (var id in EligibleIds().Order())
        {
            if (random.NextDouble() >= Profile.ExistingUserShare)
                continue;

            var employee = employees[id];
            Users.Add(new MobieTrainUserResource
            {
                Id = $"u{id}",
                ExternalId = id.ToString(CultureInfo.InvariantCulture),
                FirstName = employee.FirstName!,
                LastName = employee.LastName!,
                Email = employee.Email,
                Phone = Core.Engine.Rules.PhoneNumber.FirstValid(employee.Mobile, employee.Phone, defaultCallingCode: null),
                Language = employee.CommunicationLanguage!,
                UserGroupIds = eventsOf[id].Select(e => $"g{e}").ToList(),
                RegisteredAt = SyncAt.AddMonths(-3),
            });
        }
    }

    private static JsonObject Json(StaffCloudEmployee e) => new()
    {
        ["id"] = e.Id, ["firstname"] = e.FirstName, ["lastname"] = e.LastName, ["email"] = e.Email, ["mobile"] = e.Mobile,
        ["phone"] = e.Phone, ["communication_language"] = e.CommunicationLanguage, ["status"] = e.Status,
    };

    private static JsonObject Json(StaffCloudEvent e) => new()
    {
        ["id"] = e.Id, ["name"] = e.Name, ["status"] = e.Status, ["project_id"] = e.ProjectId,
        ["start"] = e.Start?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        ["end"] = e.End?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    };

    private static JsonObject Json(StaffCloudAssignment a) => new()
    {
        ["id"] = a.Id, ["employee_id"] = a.EmployeeId, ["event_id"] = a.EventId, ["status"] = a.Status,
    };
}
