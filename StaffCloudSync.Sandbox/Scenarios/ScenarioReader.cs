using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>Reads a scenario file and checks every field the runner uses; the first problem is reported with its JSON path.</summary>
public static class ScenarioReader
{
    public static async Task<Scenario> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return Read(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFormatException("(file)", $"cannot read '{path}': {e.Message}");
        }
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

    private static List<JsonObject> Records(JsonNode? node, string path, params string[] requiredIds) => Each(node, path, (record, at) =>
    {
        foreach (var field in requiredIds)
            _ = Long(record[field], $"{at}.{field}");
        return (JsonObject)record.DeepClone();
    });

    private static MobieTrainContents ReadMobieTrain(JsonObject? mobieTrain) => mobieTrain is null ? new() : new()
    {
        UserGroups = Deserialize<MobieTrainUserGroupResource>(mobieTrain["userGroups"], "mobietrain.userGroups", UnnamedGroup),
        Users = Deserialize<MobieTrainUserResource>(mobieTrain["users"], "mobietrain.users", null),
        Invitations = Deserialize<MobieTrainInvitationResource>(mobieTrain["invitations"], "mobietrain.invitations", null),
    };

    private static string? UnnamedGroup(MobieTrainUserGroupResource group) => string.IsNullOrWhiteSpace(group.Name) ? "name is required" : null;

    private static List<T> Deserialize<T>(JsonNode? node, string path, Func<T, string?>? check) => Each(node, path, (record, at) =>
    {
        T value;
        try
        {
            value = record.Deserialize<T>(MobieTrainSimulatorJson.Options)!;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ScenarioFormatException($"{at}{(e is JsonException { Path: { } p } ? p.TrimStart('$') : string.Empty)}", $"not a MobieTrain record ({e.Message})");
        }

        return check?.Invoke(value) is { } problem ? throw new ScenarioFormatException(at, problem) : value;
    });

    private static SimulatorSettings ReadSimulator(JsonNode? node, string path)
    {
        if (node is null)
            return SimulatorSettings.Default;

        var simulator = Object(node, path);
        return new SimulatorSettings(
            simulator["latencyMs"] is { } l ? Int(l, $"{path}.latencyMs", 0, 60_000) : 0,
            simulator["rateLimitPerSecond"] is { } r ? Int(r, $"{path}.rateLimitPerSecond", 0, 100_000) : 0,
            Each(simulator["faults"], $"{path}.faults", ReadFault));
    }

    private static SimulatorFault ReadFault(JsonObject fault, string at)
    {
        // "answer": a silently wrong 200 (a misfiring filter's []): served as the fault's raw body.
        var answer = fault.TryGetPropertyValue("answer", out var answered) ? answered?.ToJsonString() ?? "null" : null;

        // "body": a string sent as it is with the fault's status (a proxy's or a wrong path's page).
        var body = fault["body"] is { } b ? String(b, $"{at}.body") : null;
        if (answer is not null && body is not null)
            throw new ScenarioFormatException(at, "has both 'answer' and 'body'; give one");

        return new SimulatorFault
        {
            Path = String(fault["path"], $"{at}.path"),
            Method = fault["method"] is { } m ? String(m, $"{at}.method").ToUpperInvariant() : null,
            Status = answer is not null ? 200 : fault["status"] is { } s ? Int(s, $"{at}.status", 100, 599) : 503,
            Body = answer ?? body,
            ContentType = body is null || LooksLikeJson(body) ? "application/json" : body.TrimStart().StartsWith('<') ? "text/html" : "text/plain",
            Times = fault["times"] is { } t ? Int(t, $"{at}.times", 1, 1_000_000) : 1,
            RetryAfterSeconds = fault["retryAfterSeconds"] is { } ra ? Int(ra, $"{at}.retryAfterSeconds", 0, 3600) : null,
            Commit = fault["commit"] is { } c && Bool(c, $"{at}.commit"),
        };
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

    private static SyncStep ReadSync(JsonObject sync, string path) => new(
        Time(sync["at"], $"{path}.at"),
        sync["dryRun"] is { } dry && Bool(dry, $"{path}.dryRun"),
        sync["mobietrainOutageAfterWrites"] is { } outage ? Int(outage, $"{path}.mobietrainOutageAfterWrites", 0, int.MaxValue) : null);

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
            UnnamedGroup);
        return new MobieTrainChangeStep(accept, edits) { UpsertGroups = groups };
    }

    private static List<long> Ids(JsonNode? node, string path) =>
        node is null ? [] : Array(node, path).Select((n, i) => Long(n, $"{path}[{i}]")).ToList();

    internal static List<T> Each<T>(JsonNode? node, string path, Func<JsonObject, string, T> read) =>
        node is null ? [] : [.. Array(node, path).Select((item, i) => read(Object(item, $"{path}[{i}]"), $"{path}[{i}]"))];

    internal static DateTimeOffset Time(JsonNode? node, string path, string example = "2026-03-01T02:00:00Z")
    {
        var text = String(node, path);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new ScenarioFormatException(path, $"'{text}' is not an ISO 8601 time such as {example}");
    }

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
