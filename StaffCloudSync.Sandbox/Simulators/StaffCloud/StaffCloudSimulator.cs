using System.Text.RegularExpressions;

namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>StaffCloud's read API (staffcloud-api.md) for API tenants under <c>/{apiTenant}/api/v1/</c>. Anything but GET is refused
/// (the sync must never write to StaffCloud), except the operator's <c>/webhooks</c>, counted apart as setup.</summary>
public sealed partial class StaffCloudSimulator(TimeProvider clock) : SimulatorHost(clock)
{
    private static readonly Dictionary<string, StaffCloudResource> Resources =
        Enum.GetValues<StaffCloudResource>().ToDictionary(resource => resource.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, StaffCloudSimulatorTenant> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StaffCloudRequestLogEntry> _requestLog = new();

    // Real time: the scenario clock stands still during a sync and a quota window must not.
    public TimeProvider RateLimitClock { get; set; } = TimeProvider.System;
    public Uri RedirectLocation { get; set; } = new("https://redirected.invalid/api/v1/");
    public string BaseAddressTemplate => $"{BaseAddress}{{tenant}}/api/v1/";
    public StaffCloudWebhooks Webhooks { get; } = new();

    public IReadOnlyList<StaffCloudRequestLogEntry> RequestLog => [.. _requestLog]; // oldest first; no faults or outages

    public StaffCloudSimulatorTenant AddTenant(string apiTenant, string token)
    {
        if (!ApiTenantPattern().IsMatch(apiTenant))
            throw new ArgumentException($"'{apiTenant}' is not a DNS label.", nameof(apiTenant));

        var tenant = new StaffCloudSimulatorTenant(apiTenant, token);
        return _tenants.TryAdd(apiTenant, tenant) ? tenant : throw new InvalidOperationException($"Tenant '{apiTenant}' exists already.");
    }

    public StaffCloudSimulatorTenant Tenant(string apiTenant) =>
        _tenants.TryGetValue(apiTenant, out var tenant) ? tenant : throw new KeyNotFoundException($"No StaffCloud tenant '{apiTenant}' in the simulator.");

    public Uri ApiBaseFor(string apiTenant) => new(BaseAddress, $"{apiTenant}/api/v1/");

    internal static JsonObject Error(int code, string message) => new() { ["code"] = code, ["message"] = message };

    protected override void MapEndpoints(WebApplication app) => app.Run(ServeAsync);

    protected override bool IsSetupRequest(HttpRequest request) =>
        Segments(request) is { Length: 4 or 5 } segments && segments[3] == StaffCloudWebhooks.Resource;

    protected override async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        if (status is >= 300 and < 400)
            context.Response.Headers.Location = RedirectLocation.ToString();

        // Made-up answers (faults, outages) carry the tenant's headers too, without spending its quota.
        if (Segments(context.Request).FirstOrDefault() is { } first && _tenants.TryGetValue(first, out var tenant))
            WriteQuotaHeaders(context.Response, tenant.Spend(RateLimitClock.GetUtcNow(), take: false));

        await WriteJsonAsync(context, status, Error(status, message));
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = Segments(request);
        if (segments.Length is < 4 or > 5 || segments[1] != "api" || segments[2] != "v1" || !_tenants.TryGetValue(segments[0], out var tenant))
        {
            await WriteJsonAsync(context, 404, Error(404, "Not found"));
            return;
        }

        var (status, body) = await AnswerAsync(context, tenant, segments);
        if (body is not null)
            await WriteJsonAsync(context, status, body);
        else
            context.Response.StatusCode = status;

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requestLog.Enqueue(new StaffCloudRequestLogEntry(
            request.Method, tenant.ApiTenant, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, query, status));
    }

    private async Task<(int Status, JsonNode? Body)> AnswerAsync(HttpContext context, StaffCloudSimulatorTenant tenant, string[] segments)
    {
        if (Authenticate(context.Request, tenant) is { } refusal)
            return refusal;

        var quota = tenant.Spend(RateLimitClock.GetUtcNow(), take: true);
        WriteQuotaHeaders(context.Response, quota);
        if (!quota.Allowed)
            return (429, Error(429, "Too Many Requests"));

        var id = segments.Length == 5 ? segments[4] : null;
        if (segments[3] == StaffCloudWebhooks.Resource)
            return Webhooks.Serve(tenant.ApiTenant, context.Request.Method, id, await StaffCloudWebhooks.ReadBodyAsync(context.Request));

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            // Counted as a write by the base class already; StaffCloud itself would act, the sandbox does not.
            context.Response.Headers.Allow = "GET";
            return (405, Error(405, "Method not allowed: the sync only reads StaffCloud."));
        }

        if (!Resources.TryGetValue(segments[3], out var resource))
            return (404, Error(404, "Not found"));

        var query = StaffCloudQuery.Parse(context.Request.Query, resource);
        JsonNode? answer = id is null
            ? new JsonArray([.. query.Sort(tenant.Served(resource, query.Matches)).Select(query.Select)])
            : tenant.Served(resource, r => StaffCloudSimulatorTenant.IdKey(r) == id).FirstOrDefault() is { } record ? query.Select(record) : null;
        if (answer is null)
            return (404, Error(404, $"{resource} {id} not found"));
        return (200, query.Envelope ? new JsonObject { ["response"] = answer } : answer);
    }

    /// <summary>As seen live: no or a foreign token → 401; a token that is not a JWT → 400, in StaffCloud's other error shape.</summary>
    private static (int Status, JsonNode? Body)? Authenticate(HttpRequest request, StaffCloudSimulatorTenant tenant)
    {
        if (BearerToken(request) is not { } token)
            return (401, Error(401, "Authentication required"));
        if (!token.StartsWith("eyJ", StringComparison.Ordinal))
            return (400, new JsonObject { ["error"] = "Bad Request", ["message"] = "Invalid security token structure" });

        return token == tenant.Token ? null : (401, new JsonObject
        {
            ["code"] = 401,
            ["message"] = "Expired or invalid token",
            ["description"] = "The token was rejected.",
        });
    }

    private static void WriteQuotaHeaders(HttpResponse response, StaffCloudQuotaState quota)
    {
        response.Headers["X-Rate-Limit-Limit"] = quota.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Remaining"] = quota.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Reset"] = quota.ResetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ApiTenantPattern();
}

public sealed record StaffCloudRequestLogEntry(
    string Method, string ApiTenant, string Path, string RawQuery, IReadOnlyDictionary<string, string> Query, int Status);

/// <summary>StaffCloud's list query syntax as observed (staffcloud-api.md). Numbers compare numerically, everything else as text,
/// which orders StaffCloud's <c>yyyy-MM-dd HH:mm:ss</c> datetimes.</summary>
internal sealed class StaffCloudQuery
{
    // StaffCloud ignores filters on other fields (also event.start), as here.
    private static readonly Dictionary<StaffCloudResource, HashSet<string>> Filterable = new()
    {
        [StaffCloudResource.Employees] =
            ["id", "firstname", "lastname", "email", "mobile", "phone", "communication_language", "status", "created_at", "updated_at"],
        [StaffCloudResource.Events] = ["id", "name", "project_id", "client_id", "location_id", "start", "end", "status"],
        [StaffCloudResource.Assignments] =
            ["id", "employee_id", "event_id", "event_function_id", "project_id", "status", "start", "end", "created_at"],
        [StaffCloudResource.Projects] = ["id", "name", "client_id", "status"],
    };

    private readonly List<(string Field, Func<JsonNode?, bool> Test)> _filters = [];
    private readonly List<(string Field, bool Descending)> _sort = [];
    private HashSet<string>? _fields;

    public bool Envelope { get; private set; }

    public static StaffCloudQuery Parse(IQueryCollection query, StaffCloudResource resource)
    {
        var parsed = new StaffCloudQuery();
        foreach (var (key, values) in query)
        {
            foreach (var text in values.Select(value => value ?? string.Empty))
            {
                if (key.Equals("fields", StringComparison.OrdinalIgnoreCase))
                    parsed._fields = [.. Split(text)];
                else if (key.Equals("sort", StringComparison.OrdinalIgnoreCase))
                    parsed._sort.AddRange(Split(text).Select(f => f.StartsWith('-') ? (f[1..], true) : (f, false)));
                else if (key.Equals("envelope", StringComparison.OrdinalIgnoreCase))
                    parsed.Envelope = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1";
                else if (Filterable[resource].Contains(key))
                    parsed._filters.Add((key, Compile(text)));
            }
        }

        return parsed;
    }

    public bool Matches(JsonObject record) => _filters.TrueForAll(filter => filter.Test(record[filter.Field]));

    public IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> records) =>
        _sort.Count == 0 ? records : records.Order(Comparer<JsonObject>.Create(CompareRecords));

    // A joined field (a key with a dot, such as event.project.name) comes only when asked for by name, as StaffCloud's.
    public JsonObject Select(JsonObject record)
    {
        if (_fields is not null)
            return new JsonObject(record.Where(p => _fields.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        foreach (var joined in record.Select(p => p.Key).Where(k => k.Contains('.', StringComparison.Ordinal)).ToList())
            record.Remove(joined);
        return record;
    }

    internal static string? Text(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    internal static bool TryNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out number);

    private int CompareRecords(JsonObject x, JsonObject y)
    {
        foreach (var (field, descending) in _sort)
        {
            var order = CompareNodes(x[field], y[field]);
            if (order != 0)
                return descending ? -order : order;
        }

        return 0;
    }

    /// <summary>A condition parsed once per request (an id list of 200 is a set, not 200 comparisons per record).</summary>
    private static Func<JsonNode?, bool> Compile(string condition) => condition switch
    {
        "null" => IsNull,
        "-null" => Not(IsNull),
        ['>', .. var bound] => value => !IsNull(value) && Compare(value, bound) is > 0,
        ['<', .. var bound] => value => !IsNull(value) && Compare(value, bound) is < 0,
        ['-', .. var excluded] => Not(AnyOf(excluded)),
        _ => AnyOf(condition),
    };

    // Numbers compare numerically, the rest as text ignoring case.
    private static Func<JsonNode?, bool> AnyOf(string list)
    {
        var texts = Split(list).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var numbers = texts.Select(text => TryNumber(text, out var number) ? number : (decimal?)null).OfType<decimal>().ToHashSet();
        return value => Text(value) is { } text
            && (TryNumber(text, out var number) ? numbers.Contains(number) || (numbers.Count == 0 && texts.Contains(text)) : texts.Contains(text));
    }

    private static Func<JsonNode?, bool> Not(Func<JsonNode?, bool> test) => value => !test(value);

    private static bool IsNull(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;

    // Null when the value is not comparable (an object, an array).
    private static int? Compare(JsonNode? value, string bound) => Text(value) is not { } text
        ? null
        : TryNumber(text, out var number) && TryNumber(bound, out var limit) ? number.CompareTo(limit) : Math.Sign(string.CompareOrdinal(text, bound));

    // Nulls first, numbers numerically, other values as ordinal text.
    private static int CompareNodes(JsonNode? x, JsonNode? y) => (Text(x), Text(y)) switch
    {
        (null, var b) => b is null ? 0 : -1,
        (_, null) => 1,
        ({ } a, { } b) => TryNumber(a, out var m) && TryNumber(b, out var n) ? m.CompareTo(n) : string.CompareOrdinal(a, b),
    };

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
