using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Tests.Results;

/// <summary>
/// One run with every kind of results line: two new eligible persons (invited), two without any contact (skipped
/// NoContact), two users whose name changed — one of whose updates MobieTrain refuses (422) — and eleven deactivated users,
/// one more than the deletion guard's minimum of 10 (held). The expected lines are read off this input, not off the code.
/// </summary>
internal static class ResultsScenario
{
    public const string RefusedUserId = "u-20";
    public const int RefusedStatus = 422;

    private static readonly long[] Deactivated = [.. Enumerable.Range(100, 11).Select(i => (long)i)];

    public static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    public static JsonObject Json()
    {
        var employees = new JsonArray();
        var assignments = new JsonArray();
        var users = new JsonArray();
        void Active(long id, string? email)
        {
            employees.Add(new JsonObject { ["id"] = id, ["firstname"] = "Ana", ["lastname"] = $"Person{id}", ["email"] = email, ["mobile"] = null, ["communication_language"] = "en", ["status"] = 4 });
            assignments.Add(new JsonObject { ["id"] = 1000 + id, ["employee_id"] = id, ["event_id"] = 10, ["status"] = 7 });
        }

        Active(1, "p1@example.com");
        Active(2, "p2@example.com");
        Active(3, null);
        Active(4, null);
        foreach (var id in new long[] { 20, 21 })
        {
            Active(id, $"p{id}@example.com");
            users.Add(User(id, firstName: "Old"));
        }

        foreach (var id in Deactivated)
        {
            employees.Add(new JsonObject { ["id"] = id, ["firstname"] = "Gone", ["lastname"] = $"Person{id}", ["email"] = $"p{id}@example.com", ["mobile"] = null, ["communication_language"] = "en", ["status"] = 5 });
            users.Add(User(id, firstName: "Gone"));
        }

        return new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "acme" },
            ["staffcloud"] = new JsonObject
            {
                ["employees"] = employees,
                ["events"] = new JsonArray(new JsonObject { ["id"] = 10, ["name"] = "Spring Fair", ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00", ["status"] = 2 }),
                ["assignments"] = assignments,
            },
            ["mobietrain"] = new JsonObject { ["users"] = users },
            ["simulators"] = new JsonObject
            {
                ["mobietrain"] = new JsonObject
                {
                    ["faults"] = new JsonArray(new JsonObject { ["method"] = "PATCH", ["path"] = "/users/" + RefusedUserId, ["status"] = RefusedStatus, ["times"] = 1 }),
                },
            },
            ["steps"] = new JsonArray(new JsonObject { ["sync"] = new JsonObject { ["at"] = At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) } }),
        };
    }

    public static Scenario Read() => ScenarioReader.Read(Json().ToJsonString());

    /// <summary>The scenario's people and faults put into an environment the test runs the sync in itself (CLI, Functions).</summary>
    public static void Seed(SandboxEnvironment environment) => ScenarioRunner.Seed(Read(), environment);

    /// <summary>
    /// The lines the results file must hold, from the input: employee id, MobieTrain id, action, rule, outcome (the reason
    /// is checked apart, as it is a sentence).
    /// </summary>
    public static List<string> ExpectedLines()
    {
        var json = Json();
        var users = json["mobietrain"]!["users"]!.AsArray().ToDictionary(u => (string)u!["externalId"]!, u => (string)u!["id"]!);
        var refused = json["simulators"]!["mobietrain"]!["faults"]!.AsArray().Select(f => ((string)f!["path"]!).Split('/')[^1]).ToHashSet();
        var lines = new List<string>();
        foreach (var employee in json["staffcloud"]!["employees"]!.AsArray())
        {
            var id = (long)employee!["id"]!;
            var user = users.GetValueOrDefault(id.ToString(CultureInfo.InvariantCulture));
            var status = (int)employee["status"]!;
            lines.Add(
                status is 5 or 6 ? $"{id},{user},removeUser,DeactivatedRemoved,held"
                : employee["email"] is null && employee["mobile"] is null ? $"{id},,skip,,skipped"
                : user is null ? $"{id},,invite,NewEligibleInvited,done"
                : $"{id},{user},updateUser,ExistingUserUpdated,{(refused.Contains(user) ? "failed" : "done")}");
        }

        return lines;
    }

    private static JsonObject User(long id, string firstName) => new()
    {
        ["id"] = $"u-{id}", ["externalId"] = id.ToString(CultureInfo.InvariantCulture), ["firstName"] = firstName, ["lastName"] = $"Person{id}",
        ["email"] = $"p{id}@example.com", ["language"] = "en", ["userGroupIds"] = new JsonArray(), ["registeredAt"] = "2025-01-01T00:00:00Z",
    };
}

/// <summary>RFC 4180 read back for the tests: quoted fields, doubled quotes, CRLF line ends.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else { field.Append(c); }
        }

        Assert.That(field.Length == 0 && fields.Count == 0, Is.True, "every line ends with CRLF");
        return rows;
    }

    /// <summary>The lines without their reason column (employee id, MobieTrain id, action, rule, outcome), as the expectation writes them.</summary>
    public static List<string> WithoutReason(IEnumerable<string[]> rows) =>
        [.. rows.Select(r => string.Join(',', r[0], r[1], r[2], r[3], r[5]))];
}
