using System.Text.RegularExpressions;

namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>StaffCloud's read API as staffcloud-api.md knows it, for several API tenants under <c>/{apiTenant}/api/v1/</c>. Anything
/// but GET is counted as a write and refused (the sync must never write to StaffCloud), except the operator's
/// <c>/webhooks</c> registration, served and counted apart as setup.</summary>
public sealed partial class StaffCloudSimulator(TimeProvider clock) : SimulatorHost(clock)
{
    private static readonly Dictionary<string, StaffCloudResource> Resources =
        Enum.GetValues<StaffCloudResource>().ToDictionary(resource => resource.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, StaffCloudSimulatorTenant> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StaffCloudRequestLogEntry> _requestLog = new();

    public StaffCloudSimulator() : this(TimeProvider.System)
    {
    }

    // Real time: the scenario clock stands still during a sync and a quota window must not.
    public TimeProvider RateLimitClock { get; set; } = TimeProvider.System;
    public Uri RedirectLocation { get; set; } = new("https://redirected.invalid/api/v1/");
    public string BaseAddressTemplate => $"{BaseAddress}{{tenant}}/api/v1/";
    public StaffCloudWebhooks Webhooks { get; } = new();

    // Oldest first; faults and outages are not in it.
    public IReadOnlyList<StaffCloudRequestLogEntry> RequestLog => [.. _requestLog];

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
