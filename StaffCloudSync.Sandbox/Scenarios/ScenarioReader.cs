using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>
/// Reads a scenario file and checks every field the runner uses; the first problem is reported with its JSON path,
/// and nothing is run. Unknown top-level keys (such as <c>expect</c>) are ignored, as the format says.
/// </summary>
public static class ScenarioReader
{
    public static async Task<Scenario> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFormatException("(file)", $"cannot read '{path}': {e.Message}");
        }

        return Read(text);
    }

    public static Scenario Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException("(file)", $"not valid JSON ({e.Message})");
        }

        var scenario = Object(root, "(root)");
        var tenant = ScenarioTenantReader.ReadTenant(Object(scenario["tenant"], "tenant"), "tenant", validate: true);
        return new Scenario(
            NotifyStepReader.WithWebhookSettings(tenant, (JsonObject)scenario["tenant"]!),
            ReadStaffCloud(OptionalObject(scenario["staffcloud"], "staffcloud"), "staffcloud"),
            ReadMobieTrain(OptionalObject(scenario["mobietrain"], "mobietrain")),
            ReadSimulator(OptionalObject(scenario["simulators"], "simulators")?["staffcloud"], "simulators.staffcloud"),
            ReadSimulator(OptionalObject(scenario["simulators"], "simulators")?["mobietrain"], "simulators.mobietrain"),
            ReadSteps(Array(scenario["steps"], "steps")))
        {
            Settings = ScenarioSettings.Read(scenario["settings"]),
            MobieTrainClaimed = OptionalObject(scenario["mobietrain"], "mobietrain")?["claimed"] is not { } claimed || Bool(claimed, "mobietrain.claimed"),
        };
    }

    private static StaffCloudRecords ReadStaffCloud(JsonObject? staffCloud, string path) =>
        staffCloud is null
            ? StaffCloudRecords.Empty
            : new StaffCloudRecords(
                Records(staffCloud["employees"], $"{path}.employees", "id"),
                Records(staffCloud["events"], $"{path}.events", "id"),
                Records(staffCloud["assignments"], $"{path}.assignments", "id", "employee_id", "event_id"))
            {
                Projects = Records(staffCloud["projects"], $"{path}.projects", "id"),
            };

    private static List<JsonObject> Records(JsonNode? node, string path, params string[] requiredIds)
    {
        if (node is null)
            return [];

        var records = new List<JsonObject>();
        var array = Array(node, path);
        for (var i = 0; i < array.Count; i++)
        {
            var record = Object(array[i], $"{path}[{i}]");
            foreach (var field in requiredIds)
                _ = Long(record[field], $"{path}[{i}].{field}");

            records.Add((JsonObject)record.DeepClone());
        }

        return records;
    }

    private static MobieTrainContents ReadMobieTrain(JsonObject? mobieTrain)
    {
        if (mobieTrain is null)
            return new MobieTrainContents();

        var groups = Deserialize<MobieTrainUserGroupResource>(mobieTrain["userGroups"], "mobietrain.userGroups", g => string.IsNullOrWhiteSpace(g.Name) ? "name is required" : null);
        var users = Deserialize<MobieTrainUserResource>(mobieTrain["users"], "mobietrain.users", null);
        var invitations = Deserialize<MobieTrainInvitationResource>(mobieTrain["invitations"], "mobietrain.invitations", null);
        return new MobieTrainContents { UserGroups = groups, Users = users, Invitations = invitations };
    }

    private static List<T> Deserialize<T>(JsonNode? node, string path, Func<T, string?>? check)
    {
        if (node is null)
            return [];

        var array = Array(node, path);
        var list = new List<T>();
        for (var i = 0; i < array.Count; i++)
        {
            var record = Object(array[i], $"{path}[{i}]");
            T? value;
            try
            {
                value = record.Deserialize<T>(MobieTrainSimulatorJson.Options);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new ScenarioFormatException($"{path}[{i}]{(e is JsonException { Path: { } p } ? p.TrimStart('$') : string.Empty)}", $"not a MobieTrain record ({e.Message})");
            }

            if (value is null)
                throw new ScenarioFormatException($"{path}[{i}]", "is null");

            if (check?.Invoke(value) is { } problem)
                throw new ScenarioFormatException($"{path}[{i}]", problem);

            list.Add(value);
        }

        return list;
    }

    private static SimulatorSettings ReadSimulator(JsonNode? node, string path)
    {
        if (node is null)
            return SimulatorSettings.Default;

        var simulator = Object(node, path);
        var latency = simulator["latencyMs"] is { } l ? Int(l, $"{path}.latencyMs", 0, 60_000) : 0;
        var rate = simulator["rateLimitPerSecond"] is { } r ? Int(r, $"{path}.rateLimitPerSecond", 0, 100_000) : 0;
        var faults = new List<SimulatorFault>();
        if (simulator["faults"] is { } faultsNode)
        {
            var array = Array(faultsNode, $"{path}.faults");
            for (var i = 0; i < array.Count; i++)
            {
                var at = $"{path}.faults[{i}]";
                var fault = Object(array[i], at);

                // "answer": a silently wrong 200 (a misfiring filter's []): served as the fault's raw body.
                var answer = fault.TryGetPropertyValue("answer", out var answered) ? answered?.ToJsonString() ?? "null" : null;

                // "body": a string sent as it is with the fault's status (a proxy's or a wrong path's page).
                var body = fault["body"] is { } b ? String(b, $"{at}.body") : null;
                if (answer is not null && body is not null)
                    throw new ScenarioFormatException(at, "has both 'answer' and 'body'; give one");
                faults.Add(new SimulatorFault
                {
                    Path = String(fault["path"], $"{at}.path"),
                    Method = fault["method"] is { } m ? String(m, $"{at}.method").ToUpperInvariant() : null,
                    Status = answer is not null ? 200 : fault["status"] is { } s ? Int(s, $"{at}.status", 100, 599) : 503,
                    Body = answer ?? body,
                    ContentType = body is null || LooksLikeJson(body) ? "application/json" : body.TrimStart().StartsWith('<') ? "text/html" : "text/plain",
                    Times = fault["times"] is { } t ? Int(t, $"{at}.times", 1, 1_000_000) : 1,
                    RetryAfterSeconds = fault["retryAfterSeconds"] is { } ra ? Int(ra, $"{at}.retryAfterSeconds", 0, 3600) : null,
                    Commit = fault["commit"] is { } c && Bool(c, $"{at}.commit"),
                });
            }
        }

        return new SimulatorSettings(latency, rate, faults);
    }

    private static bool LooksLikeJson(string body)
    {
        try
        {
            using var parsed = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<ScenarioStep> ReadSteps(JsonArray steps)
    {
        var list = new List<ScenarioStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            var path = $"steps[{i}]";
            var step = Object(steps[i], path);
            if (NotifyStepReader.TryAdd(list, step, path, ReadStaffCloudChange)) continue;
            var kinds = new[] { "sync", "staffcloud", "mobietrain", "tenant" }.Where(k => step.ContainsKey(k)).ToList();
            if (kinds.Count != 1)
                throw new ScenarioFormatException(path, "must have exactly one of sync, staffcloud, mobietrain, tenant");

            list.Add(kinds[0] switch
            {
                "sync" => ReadSync(Object(step["sync"], $"{path}.sync"), $"{path}.sync"),
                "staffcloud" => ReadStaffCloudChange(Object(step["staffcloud"], $"{path}.staffcloud"), $"{path}.staffcloud"),
                "mobietrain" => ReadMobieTrainChange(Object(step["mobietrain"], $"{path}.mobietrain"), $"{path}.mobietrain"),
                _ => ScenarioTenantReader.ReadTenantStep(Object(step["tenant"], $"{path}.tenant"), $"{path}.tenant"),
            });
        }

        return list;
    }

    private static SyncStep ReadSync(JsonObject sync, string path)
    {
        var text = String(sync["at"], $"{path}.at");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw new ScenarioFormatException($"{path}.at", $"'{text}' is not an ISO 8601 time such as 2026-03-01T02:00:00Z");

        return new SyncStep(
            at,
            sync["dryRun"] is { } dry && Bool(dry, $"{path}.dryRun"),
            sync["mobietrainOutageAfterWrites"] is { } outage ? Int(outage, $"{path}.mobietrainOutageAfterWrites", 0, int.MaxValue) : null);
    }

    private static StaffCloudChangeStep ReadStaffCloudChange(JsonObject change, string path)
    {
        var delete = OptionalObject(change["delete"], $"{path}.delete");
        return new StaffCloudChangeStep(
            ReadStaffCloud(OptionalObject(change["upsert"], $"{path}.upsert"), $"{path}.upsert"),
            Ids(delete?["employees"], $"{path}.delete.employees"),
            Ids(delete?["events"], $"{path}.delete.events"),
            Ids(delete?["assignments"], $"{path}.delete.assignments"));
    }

    private static MobieTrainChangeStep ReadMobieTrainChange(JsonObject change, string path)
    {
        var accept = change["acceptInvitation"] is { } a ? String(a, $"{path}.acceptInvitation") : null;
        var edits = Deserialize<MobieTrainUserEdit>(OptionalObject(change["upsert"], $"{path}.upsert")?["users"], $"{path}.upsert.users",
            e => string.IsNullOrWhiteSpace(e.ExternalId) ? "externalId is required" : null);
        var groups = Deserialize<MobieTrainUserGroupResource>(OptionalObject(change["upsert"], $"{path}.upsert")?["userGroups"], $"{path}.upsert.userGroups",
            g => string.IsNullOrWhiteSpace(g.Name) ? "name is required" : null);
        return new MobieTrainChangeStep(accept, edits) { UpsertGroups = groups };
    }

    private static List<long> Ids(JsonNode? node, string path) =>
        node is null ? [] : Array(node, path).Select((n, i) => Long(n, $"{path}[{i}]")).ToList();

    internal static T? Get<T>(Dictionary<string, JsonNode?> values, string key, Func<JsonNode, T> read) =>
        values.TryGetValue(key, out var node) && node is not null ? read(node) : default;

    internal static JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw new ScenarioFormatException(path, node is null ? "is required (an object)" : "must be an object");

    private static JsonObject? OptionalObject(JsonNode? node, string path) =>
        node is null ? null : node as JsonObject ?? throw new ScenarioFormatException(path, "must be an object");

    internal static JsonArray Array(JsonNode? node, string path) =>
        node as JsonArray ?? throw new ScenarioFormatException(path, node is null ? "is required (an array)" : "must be an array");

    internal static string String(JsonNode? node, string path) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new ScenarioFormatException(path, node is null ? "is required (a string)" : "must be a non-empty string");

    internal static bool Bool(JsonNode node, string path) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw new ScenarioFormatException(path, "must be true or false");

    internal static int Int(JsonNode node, string path, int min = int.MinValue, int max = int.MaxValue) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) && number >= min && number <= max
            ? number
            : throw new ScenarioFormatException(path, min == int.MinValue ? "must be a whole number" : $"must be a whole number from {min} to {max}");

    // StaffCloud was seen sending ids as numbers and as numeric strings; a scenario may do either.
    private static long Long(JsonNode? node, string path) =>
        node is JsonValue value && (value.TryGetValue<long>(out var number)
            || (value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number)))
            ? number
            : throw new ScenarioFormatException(path, node is null ? "is required (a whole number)" : "must be a whole number");
}
