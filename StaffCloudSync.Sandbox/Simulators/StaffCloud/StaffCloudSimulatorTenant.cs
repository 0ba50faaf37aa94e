namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>One StaffCloud account; records are kept exactly as seeded, so a test can seed what StaffCloud might send.</summary>
public sealed class StaffCloudSimulatorTenant
{
    // The joined field of an assignment that holds its event's project's name (staffcloud-api.md, "Assignments").
    internal const string JoinedProjectName = "event.project.name";

    private readonly Lock _gate = new();
    private readonly Dictionary<StaffCloudResource, List<JsonObject>> _records =
        Enum.GetValues<StaffCloudResource>().ToDictionary(resource => resource, _ => new List<JsonObject>());

    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowUsed;

    internal StaffCloudSimulatorTenant(string apiTenant, string token)
    {
        ApiTenant = apiTenant;
        Token = token;
    }

    public string ApiTenant { get; }

    /// <summary>The one Bearer token this tenant accepts; change it to simulate a rotation.</summary>
    public string Token { get; set => field = value ?? throw new ArgumentNullException(nameof(value)); }
    public StaffCloudQuota? Quota { get; set; } // null: no limit

    // With take false it spends none (made-up answers: faults, outages).
    internal StaffCloudQuotaState Spend(DateTimeOffset now, bool take)
    {
        var quota = Quota ?? StaffCloudQuota.Off;
        lock (_gate)
        {
            if (now >= _windowStart + quota.Window || now < _windowStart)
                (_windowStart, _windowUsed) = (now, 0);

            var allowed = _windowUsed < quota.Requests;
            if (take && allowed)
                _windowUsed++;

            // Seconds to wait, rounded up: the small-number form of X-Rate-Limit-Reset seen in live use.
            var reset = (long)Math.Ceiling((_windowStart + quota.Window - now).TotalSeconds);
            return new StaffCloudQuotaState(allowed || !take, quota.Requests, Math.Max(0, quota.Requests - _windowUsed), Math.Max(reset, 0));
        }
    }

    public void Seed(StaffCloudResource resource, IEnumerable<JsonObject> records)
    {
        var copies = records.Select(Copy).ToList();
        lock (_gate)
            _records[resource] = copies;
    }

    /// <summary>Replaces the records with the same <c>id</c> (as text: <c>5</c> and <c>"5"</c> are one) and appends the others.</summary>
    public void Upsert(StaffCloudResource resource, IEnumerable<JsonObject> records)
    {
        var copies = records.Select(Copy).ToList();
        lock (_gate)
        {
            var list = _records[resource];
            foreach (var record in copies)
            {
                var key = IdKey(record);
                var index = key is null ? -1 : list.FindIndex(r => IdKey(r) == key);
                if (index >= 0)
                    list[index] = record;
                else
                    list.Add(record);
            }
        }
    }

    public int Delete(StaffCloudResource resource, IEnumerable<long> ids)
    {
        var keys = ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
            return _records[resource].RemoveAll(r => IdKey(r) is { } key && keys.Contains(key));
    }

    // As stored: an assignment's missing times are not filled in here.
    public IReadOnlyList<JsonObject> Records(StaffCloudResource resource)
    {
        lock (_gate)
            return [.. _records[resource].Select(Copy)];
    }

    // An assignment is joined first, so filters see what it lends: its event's times where it has none, its project's name.
    internal List<JsonObject> Served(StaffCloudResource resource, Func<JsonObject, bool> matches)
    {
        lock (_gate)
        {
            if (resource != StaffCloudResource.Assignments)
                return [.. _records[resource].Where(matches).Select(Copy)];

            var events = ById(StaffCloudResource.Events);
            var projects = ById(StaffCloudResource.Projects);
            var served = new List<JsonObject>();
            foreach (var original in _records[resource])
            {
                var assignment = Joined(original, events, projects);
                if (matches(assignment))
                    served.Add(ReferenceEquals(assignment, original) ? Copy(original) : assignment);
            }

            return served;
        }
    }

    internal static string? IdKey(JsonObject record) => IdText(record["id"]);

    private static JsonObject Joined(JsonObject original, Dictionary<string, JsonObject> events, Dictionary<string, JsonObject> projects)
    {
        if (IdText(original["event_id"]) is not { } eventKey || !events.TryGetValue(eventKey, out var owner))
            return original;

        var project = IdText(owner["project_id"]) is { } projectKey ? projects.GetValueOrDefault(projectKey) : null;
        if (original.ContainsKey("start") && original.ContainsKey("end") && project is null)
            return original;

        var assignment = Copy(original);
        foreach (var field in (string[])["start", "end"])
        {
            if (!assignment.ContainsKey(field) && owner.TryGetPropertyValue(field, out var value))
                assignment[field] = value?.DeepClone();
        }

        if (project is not null)
            assignment[JoinedProjectName] = project["name"]?.DeepClone();
        return assignment;
    }

    // The first of records sharing an id wins. Under the lock.
    private Dictionary<string, JsonObject> ById(StaffCloudResource resource)
    {
        var byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var record in _records[resource])
        {
            if (IdKey(record) is { } key)
                byId.TryAdd(key, record);
        }

        return byId;
    }

    // 5, 5.0 and " 5 " are all "5".
    private static string? IdText(JsonNode? id)
    {
        var text = StaffCloudQuery.Text(id)?.Trim();
        return text is not null && StaffCloudQuery.TryNumber(text, out var number) && number == decimal.Truncate(number)
            ? decimal.Truncate(number).ToString(CultureInfo.InvariantCulture)
            : text;
    }

    private static JsonObject Copy(JsonObject record) => record.DeepClone().AsObject();
}

/// <summary>A tenant's rate limit: at most <see cref="Requests"/> per fixed <see cref="Window"/>, then 429 until it resets.</summary>
public sealed record StaffCloudQuota(int Requests, TimeSpan Window)
{
    /// <summary>What the headers report when no quota is set: a limit no scenario reaches, so a client never waits for it.</summary>
    internal static StaffCloudQuota Off { get; } = new(100_000, TimeSpan.FromMinutes(1));
}

/// <summary>What the rate-limit headers of one answer say.</summary>
internal readonly record struct StaffCloudQuotaState(bool Allowed, int Limit, int Remaining, long ResetSeconds);

/// <summary>The StaffCloud lists the simulator serves; the path segment is the lower-cased name.</summary>
public enum StaffCloudResource
{
    Employees,
    Events,
    Assignments,

    /// <summary>Projects: served as a list, and joined into assignments as <c>event.project.name</c>.</summary>
    Projects,
}
