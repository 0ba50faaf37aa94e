using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>
/// StaffCloud's read API as staffcloud-api.md knows it, for several API tenants at once under
/// <c>/{apiTenant}/api/v1/</c> — the client reaches it with the base address override
/// <c>http://127.0.0.1:{port}/{tenant}/api/v1/</c>. Each tenant has its own Bearer token and records; lists come
/// as bare JSON arrays (<c>{"response": [...]}</c> with <c>envelope=true</c>), with the observed query syntax, and
/// every answer carries <c>X-Rate-Limit-*</c> headers. Anything but GET is counted as a write and refused: the sync
/// must never write to StaffCloud — except on <c>/webhooks</c> (<see cref="StaffCloudWebhooks"/>), the operator's explicit
/// registration, which is served and counted apart as setup. Latency, faults, outages and counters come from <see cref="SimulatorHost"/>.
/// </summary>
public sealed partial class StaffCloudSimulator : SimulatorHost
{
    private readonly ConcurrentDictionary<string, StaffCloudSimulatorTenant> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StaffCloudRequestLogEntry> _requestLog = new();

    public StaffCloudSimulator(TimeProvider clock) : base(clock)
    {
    }

    public StaffCloudSimulator() : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// The clock of the rate-limit windows. Real time by default — the scenario clock stands still during a sync, a
    /// quota window must not; tests set one that moves when the client's back-off clock waits.
    /// </summary>
    public TimeProvider RateLimitClock { get; set; } = TimeProvider.System;

    /// <summary>Where a scripted 3xx fault points (its <c>Location</c>); another host by default.</summary>
    public Uri RedirectLocation { get; set; } = new("https://redirected.invalid/api/v1/");

    /// <summary>The template for the client's <c>StaffCloud:BaseAddressOverride</c> once started.</summary>
    public string BaseAddressTemplate => $"{BaseAddress}{{tenant}}/api/v1/";

    public IReadOnlyCollection<StaffCloudSimulatorTenant> Tenants => [.. _tenants.Values];

    /// <summary>The webhooks registered per API tenant (<c>GET/POST/PUT/DELETE /webhooks</c>).</summary>
    public StaffCloudWebhooks Webhooks { get; } = new();

    /// <summary>Requests served by the API itself, oldest first (faults and outages are not in it).</summary>
    public IReadOnlyList<StaffCloudRequestLogEntry> RequestLog => [.. _requestLog];

    public StaffCloudSimulatorTenant AddTenant(string apiTenant, string token)
    {
        ArgumentNullException.ThrowIfNull(apiTenant);
        ArgumentNullException.ThrowIfNull(token);
        if (!ApiTenantPattern().IsMatch(apiTenant))
        {
            throw new ArgumentException($"'{apiTenant}' is not a DNS label.", nameof(apiTenant));
        }

        var tenant = new StaffCloudSimulatorTenant(apiTenant, token);
        return _tenants.TryAdd(apiTenant, tenant) ? tenant : throw new InvalidOperationException($"Tenant '{apiTenant}' exists already.");
    }

    public StaffCloudSimulatorTenant Tenant(string apiTenant) =>
        _tenants.TryGetValue(apiTenant, out var tenant) ? tenant : throw new KeyNotFoundException($"No StaffCloud tenant '{apiTenant}' in the simulator.");

    /// <summary>
    /// Bytes of filler added to every record served (ignoring <c>fields=</c>), as a StaffCloud that sends its ~136
    /// fields regardless would: answers grow, the records the sync keeps must not.
    /// </summary>
    public int PaddingBytesPerRecord { get; set; }

    /// <summary>The API root of one tenant, as the client's override makes it.</summary>
    public Uri ApiBaseFor(string apiTenant) => new(BaseAddress, $"{apiTenant}/api/v1/");

    protected override void MapEndpoints(WebApplication app) => app.Run(ServeAsync);

    protected override bool IsSetupRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length is 4 or 5 && segments[3] == StaffCloudWebhooks.Resource;
    }

    protected override async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = RedirectLocation.ToString();
        }

        // Made-up answers (faults, outages) carry the tenant's headers too, without spending its quota.
        if (TenantOf(context.Request.Path) is { } tenant)
        {
            WriteQuotaHeaders(context.Response, tenant.QuotaWindow.Peek(tenant.Quota, RateLimitClock.GetUtcNow()));
        }

        await WriteJsonAsync(context, status, new JsonObject { ["code"] = status, ["message"] = message });
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is < 4 or > 5 || segments[1] != "api" || segments[2] != "v1"
            || !_tenants.TryGetValue(segments[0], out var tenant))
        {
            await WriteJsonAsync(context, 404, new JsonObject { ["code"] = 404, ["message"] = "Not found" });
            return;
        }

        await ServeTenantAsync(context, tenant, segments);
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requestLog.Enqueue(new StaffCloudRequestLogEntry(
            request.Method, tenant.ApiTenant, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, query,
            context.Response.StatusCode));
    }

    private async Task ServeTenantAsync(HttpContext context, StaffCloudSimulatorTenant tenant, string[] segments)
    {
        if (Authenticate(context.Request, tenant) is { } refusal)
        {
            await WriteJsonAsync(context, refusal.Status, refusal.Body);
            return;
        }

        var quota = tenant.QuotaWindow.Take(tenant.Quota, RateLimitClock.GetUtcNow());
        WriteQuotaHeaders(context.Response, quota);
        if (!quota.Allowed)
        {
            await WriteJsonAsync(context, 429, new JsonObject { ["code"] = 429, ["message"] = "Too Many Requests" });
            return;
        }

        if (segments[3] == StaffCloudWebhooks.Resource)
        {
            var (status, body) = Webhooks.Serve(tenant.ApiTenant, context.Request.Method, segments.Length == 5 ? segments[4] : null,
                await StaffCloudWebhooks.ReadBodyAsync(context.Request));
            if (body is null)
            {
                context.Response.StatusCode = status;
                return;
            }

            await WriteJsonAsync(context, status, body);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            // Counted as a write by the base class already; StaffCloud itself would act, the sandbox does not.
            context.Response.Headers.Allow = "GET";
            await WriteJsonAsync(context, 405, new JsonObject
            {
                ["code"] = 405,
                ["message"] = "Method not allowed: the sync only reads StaffCloud.",
            });
            return;
        }

        if (!StaffCloudResources.TryParse(segments[3], out var resource))
        {
            await WriteJsonAsync(context, 404, new JsonObject { ["code"] = 404, ["message"] = "Not found" });
            return;
        }

        var query = StaffCloudQuery.Parse(context.Request.Query, resource);
        if (segments.Length == 5)
        {
            var record = tenant.Served(resource, r => StaffCloudSimulatorTenant.IdKey(r) == segments[4]).FirstOrDefault();
            if (record is null)
            {
                await WriteJsonAsync(context, 404, new JsonObject { ["code"] = 404, ["message"] = $"{resource} {segments[4]} not found" });
                return;
            }

            var selected = query.Select(record);
            await WriteJsonAsync(context, 200, query.Envelope ? new JsonObject { ["response"] = selected } : selected);
            return;
        }

        var list = new JsonArray([.. query.Sort(tenant.Served(resource, query.Matches)).Select(query.Select).Select(Pad)]);
        await WriteJsonAsync(context, 200, query.Envelope ? new JsonObject { ["response"] = list } : list);
    }

    /// <summary>
    /// As seen live: no or a foreign token → 401; a token that is not a JWT at all → 400 "Invalid security token
    /// structure", in StaffCloud's other error shape.
    /// </summary>
    private static (int Status, JsonObject Body)? Authenticate(HttpRequest request, StaffCloudSimulatorTenant tenant)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (401, new JsonObject { ["code"] = 401, ["message"] = "Authentication required" });
        }

        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith("eyJ", StringComparison.Ordinal))
        {
            return (400, new JsonObject { ["error"] = "Bad Request", ["message"] = "Invalid security token structure" });
        }

        return string.Equals(token, tenant.Token, StringComparison.Ordinal)
            ? null
            : (401, new JsonObject { ["code"] = 401, ["message"] = "Expired or invalid token", ["description"] = "The token was rejected." });
    }

    private StaffCloudSimulatorTenant? TenantOf(PathString path)
    {
        var first = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && _tenants.TryGetValue(first, out var tenant) ? tenant : null;
    }

    private static void WriteQuotaHeaders(HttpResponse response, StaffCloudQuotaState quota)
    {
        response.Headers["X-Rate-Limit-Limit"] = quota.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Remaining"] = quota.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Reset"] = quota.ResetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private JsonObject Pad(JsonObject record)
    {
        if (PaddingBytesPerRecord > 0)
        {
            record["padding"] = new string('x', PaddingBytesPerRecord);
        }

        return record;
    }

    private async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ApiTenantPattern();
}

/// <summary>
/// A request the StaffCloud simulator served itself (not one answered by a fault or an outage): what a test checks
/// to see which filters, fields and id batches the client sent. <see cref="Query"/> holds the decoded values.
/// </summary>
public sealed record StaffCloudRequestLogEntry(
    string Method,
    string ApiTenant,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Query,
    int Status);
