using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Sandbox.Demo;

/// <summary>
/// The built-in demo tenant: a few hundred employees across statuses, dozens of events past and future, mixed
/// assignment statuses, people already in MobieTrain (some out of date), an old invitation, deactivated and
/// hard-deleted employees, a manual group, the base group "Default Group" and an admin account the sync must not touch — synced twice, 12 hours
/// apart. Generated from a fixed seed, so every demo shows the same story.
/// </summary>
public static class DemoScenario
{
    public static readonly DateTimeOffset FirstSync = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Cara", "Dario", "Elena", "Fynn", "Gia", "Hugo", "Ines", "Jonas", "Kim", "Luca", "Mia", "Noah", "Olivia",
        "Paul", "Rosa", "Samuel", "Tara", "Umberto", "Vera", "Willem", "Yara", "Zoe", "Aline", "Bruno", "Chiara", "David",
    ];

    private static readonly string[] LastNames =
    [
        "Meier", "Rossi", "Keller", "Frei", "Graf", "Huber", "Roth", "Suter", "Vogt", "Wyss", "Baumann", "Brunner", "Gerber",
        "Moser", "Schmid", "Weber", "Bianchi", "Fontana", "Dubois", "Favre", "Lopez", "Müller", "Zürcher", "Berisha",
    ];

    private static readonly string[] Languages = ["de", "Deutsch", "fr", "Français", "it", "italiano", "en", "English", "de-CH", "German"];

    private static readonly string[] EventNames =
    [
        "Zurich Fair", "Basel Tattoo", "Lake Festival", "Bern Marathon", "Geneva Motor Show", "Lucerne Concert", "Art Basel",
        "Street Parade", "Christmas Market", "Ski World Cup", "Jazz Nights", "Food Festival", "Expo Hall", "Wine Fair",
        "Book Fair", "Tech Summit", "Charity Gala", "Film Festival", "Harbour Run", "Open Air",
    ];

    public static Scenario Build()
    {
        var random = new Random(2026);
        var events = Events(random);
        var employees = new List<JsonObject>();
        var assignments = new List<JsonObject>();
        var users = new List<MobieTrainUserResource>();
        var invitations = new List<MobieTrainInvitationResource>();
        var groups = new List<MobieTrainUserGroupResource>
        {
            new() { Id = "g-handbook", Name = "Staff Handbook" },
        };
        groups.AddRange(events.Where((_, i) => i % 3 == 0).Select(e => new MobieTrainUserGroupResource
        {
            Id = $"g-event-{e.Id}", Name = $"{e.Name} ({e.Start:yyyy-MM-dd})", ExternalId = $"staffcloud-event-{e.Id}",
        }));

        for (var id = 1; id <= 320; id++)
        {
            var status = StatusFor(id, random);
            var employee = Employee(id, status, random);
            employees.Add(employee);
            if (status is 4 or 5 or 2)
            {
                foreach (var staffCloudEvent in events.OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
                {
                    assignments.Add(new JsonObject
                    {
                        ["id"] = 10_000 + assignments.Count,
                        ["employee_id"] = id,
                        ["event_id"] = staffCloudEvent.Id,
                        ["status"] = random.Next(100) switch { < 60 => 7, < 75 => 6, < 90 => 3, _ => 8 },
                    });
                }
            }

            // About a third of the active employees, and two deactivated ones, are already in MobieTrain.
            if ((status == 4 && id % 3 == 0) || id is 7 or 11)
                users.Add(ExistingUser(employee, id, groups, random));
        }

        // The account's general content hangs on "Default Group", the tenant's base group: half of the users are in it
        // already, the others get it. Added after the random draws above, so the rest of the story stays the same.
        groups.Add(new MobieTrainUserGroupResource { Id = "g-default", Name = "Default Group" });
        for (var i = 0; i < users.Count; i++)
        {
            if (int.Parse(users[i].ExternalId!, CultureInfo.InvariantCulture) % 2 == 0)
                users[i] = users[i] with { UserGroupIds = [.. users[i].UserGroupIds, "g-default"] };
        }

        AddSpecialCases(employees, assignments, users, invitations, groups, events);
        return new Scenario(
            new TenantSettings
            {
                TenantId = "demo", StaffCloudApiTenant = "demo-events", MobieTrainAccountId = "demo-account", BaseGroups = "Default Group",
            },
            new StaffCloudRecords(employees, events.Select(e => e.Json).ToList(), assignments),
            new MobieTrainContents { UserGroups = groups, Users = users, Invitations = invitations },
            SimulatorSettings.Default,
            SimulatorSettings.Default,
            [new SyncStep(FirstSync, false, null), new SyncStep(FirstSync.AddHours(12), false, null)]);
    }

    private static int StatusFor(int id, Random random) => id switch
    {
        7 => 5,   // deactivated, still a MobieTrain user
        11 => 6,  // deleted (anonymised), still a MobieTrain user
        _ => random.Next(100) switch { < 80 => 4, < 86 => 1, < 90 => 3, < 93 => 2, < 98 => 5, _ => 6 },
    };

    private static JsonObject Employee(int id, int status, Random random)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var phone = random.Next(10) switch
        {
            < 5 => $"+41 79 {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
            < 7 => $"0041 78 {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
            < 8 => $"079 {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
            _ => null,
        };
        return new JsonObject
        {
            ["id"] = id,
            ["firstname"] = first,
            ["lastname"] = last,
            ["email"] = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant().Replace("ü", "ue", StringComparison.Ordinal)}.{id}@example.com",
            ["mobile"] = phone,
            ["phone"] = null,
            ["communication_language"] = random.Next(10) == 0 ? null : Languages[random.Next(Languages.Length)],
            ["status"] = status,
        };
    }

    private static MobieTrainUserResource ExistingUser(JsonObject employee, int id, List<MobieTrainUserGroupResource> groups, Random random)
    {
        var outOfDate = id % 9 == 0;
        return new MobieTrainUserResource
        {
            Id = $"u-{id}",
            ExternalId = id.ToString(CultureInfo.InvariantCulture),
            FirstName = employee["firstname"]!.GetValue<string>(),
            LastName = outOfDate ? "Old-Name" : employee["lastname"]!.GetValue<string>(),
            Email = employee["email"]!.GetValue<string>(),
            Language = "de",
            UserGroupIds = [.. groups.Skip(1).Where(_ => random.Next(4) == 0).Select(g => g.Id).Take(2), .. id % 5 == 0 ? new[] { "g-handbook" } : []],
            RegisteredAt = new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero),
        };
    }

    /// <summary>The cases an operator asks about: each one shows a rule at work.</summary>
    private static void AddSpecialCases(List<JsonObject> employees, List<JsonObject> assignments, List<MobieTrainUserResource> users,
        List<MobieTrainInvitationResource> invitations, List<MobieTrainUserGroupResource> groups, List<DemoEvent> events)
    {
        var future = events.First(e => e.Start > FirstSync.DateTime && e.Status == 2);
        var past = events.First(e => e.End < FirstSync.DateTime);
        if (groups.All(g => g.Id != $"g-event-{future.Id}"))
            groups.Add(new MobieTrainUserGroupResource { Id = $"g-event-{future.Id}", Name = $"{future.Name} ({future.Start:yyyy-MM-dd})", ExternalId = $"staffcloud-event-{future.Id}" });

        void Add(int id, string first, string last, string? email, string? mobile, int eventId, int status = 4)
        {
            employees.Add(new JsonObject
            {
                ["id"] = id, ["firstname"] = first, ["lastname"] = last, ["email"] = email, ["mobile"] = mobile, ["phone"] = null,
                ["communication_language"] = "de", ["status"] = status,
            });
            assignments.Add(new JsonObject { ["id"] = 20_000 + id, ["employee_id"] = id, ["event_id"] = eventId, ["status"] = 7 });
        }

        Add(901, "Nora", "Nocontact", null, "079 123 45 67", future.Id);                 // NoContact: no email, phone without country code
        Add(902, "Ivo", "", "ivo.empty@example.com", null, future.Id);                  // InvalidProfile: empty last name
        Add(903, "Dana", "Double", "shared@example.com", null, future.Id);              // invited: lowest id with this address
        Add(904, "Dora", "Double", "shared@example.com", null, future.Id);              // DuplicateEmail
        Add(905, "Otto", "Oldinvite", "otto@example.com", null, past.Id);               // stale invitation, no current event: expired
        Add(906, "Rita", "Moved", "rita.new@example.com", "+41 79 555 00 06", future.Id); // e-mail changed: invitation replaced
        Add(907, "Paul", "Pending", "paul@example.com", null, future.Id);               // pending and up to date, but without the base group: only that is added

        invitations.Add(Invitation(905, "Otto", "Oldinvite", "otto@example.com", new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.Zero), []));
        invitations.Add(Invitation(906, "Rita", "Moved", "rita.old@example.com", new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.Zero), []));
        invitations.Add(Invitation(907, "Paul", "Pending", "paul@example.com", new DateTimeOffset(2026, 2, 25, 9, 0, 0, TimeSpan.Zero), [], pendingGroupOf: future));

        // A hard-deleted employee (StaffCloud no longer has id 999) and an admin account without externalId.
        users.Add(new MobieTrainUserResource { Id = "u-999", ExternalId = "999", FirstName = "Gone", LastName = "Away", Email = "gone@example.com", Language = "en", RegisteredAt = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero) });
        users.Add(new MobieTrainUserResource { Id = "u-admin", FirstName = "Demo", LastName = "Admin", Email = "admin@example.com", Language = "en", UserGroupIds = ["g-handbook"], RegisteredAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) });
    }

    private static MobieTrainInvitationResource Invitation(int id, string first, string last, string email, DateTimeOffset createdAt,
        IReadOnlyList<string> groups, DemoEvent? pendingGroupOf = null) => new()
    {
        Id = $"i-{id}",
        ExternalId = id.ToString(CultureInfo.InvariantCulture),
        FirstName = first,
        LastName = last,
        Email = email,
        Language = "de",
        UserGroupIds = pendingGroupOf is null ? groups : [$"g-event-{pendingGroupOf.Id}"],
        CreatedAt = createdAt,
    };

    /// <summary>Forty events from January to May 2026: mostly active, a few drafts and one aborted.</summary>
    private static List<DemoEvent> Events(Random random)
    {
        var events = new List<DemoEvent>();
        var day = new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < 40; i++)
        {
            day = day.AddDays(random.Next(2, 5));
            var start = day.AddHours(random.Next(7, 12));
            var end = start.AddHours(random.Next(4, 10));
            var id = 100 + i;
            var status = i switch { 17 or 33 => 1, 25 => 5, _ => 2 };
            events.Add(new DemoEvent(id, EventNames[i % EventNames.Length] + (i >= EventNames.Length ? " II" : string.Empty), start, end, status));
        }

        return events;
    }

    private sealed record DemoEvent(int Id, string Name, DateTime Start, DateTime End, int Status)
    {
        public JsonObject Json => new()
        {
            ["id"] = Id,
            ["name"] = Name,
            ["start"] = Start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["end"] = End.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["status"] = Status,
            ["project_id"] = 1,
        };
    }
}
