using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StaffCloudSync.Core.Http;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// The HTTP side: routes, then for every request in this order — API key (401 unknown, 403 outside its reach), account
/// (404), rate limit (429), idempotent replay, the operation. A throttled or refused request has not acted, so its
/// answer is not remembered for its idempotency key: the retry is served for real.
/// </summary>
public sealed partial class MobieTrainSimulator
{
    private const string AccountRoute = "/v1/accounts/{accountId}";

    protected override void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Map(app, HttpMethods.Get, "/user-groups", (a, r) => a.ListGroups(r.Limit, r.Cursor));
        Map(app, HttpMethods.Post, "/user-groups", (a, r) => a.CreateGroup(r.Body()));
        Map(app, HttpMethods.Patch, "/user-groups/{id}", (a, r) => a.RenameGroup(r.Id, r.Body()));
        Map(app, HttpMethods.Get, "/users", (a, r) => a.ListUsers(r.Limit, r.Cursor));
        Map(app, HttpMethods.Patch, "/users/{id}", (a, r) => a.UpdateUser(r.Id, r.Body()));
        Map(app, HttpMethods.Delete, "/users/{id}", (a, r) => a.DeleteUser(r.Id));
        Map(app, HttpMethods.Get, "/invitations", (a, r) => a.ListInvitations(r.Limit, r.Cursor));
        Map(app, HttpMethods.Post, "/invitations", (a, r) => a.CreateInvitation(r.Body()));
        Map(app, HttpMethods.Patch, "/invitations/{id}", (a, r) => a.UpdateInvitation(r.Id, r.Body()));
        Map(app, HttpMethods.Delete, "/invitations/{id}", (a, r) => a.DeleteInvitation(r.Id));
        app.MapFallback(context => WriteErrorAsync(context, 404, "not_found", "No such endpoint."));
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context, SimulatorResponse.Error(status, code, message));
    }

    private void Map(WebApplication app, string method, string path, Func<MobieTrainAccountState, ApiRequest, SimulatorResponse> serve) =>
        app.MapMethods(AccountRoute + path, [method], context => ServeAsync(context, serve));

    private async Task ServeAsync(HttpContext context, Func<MobieTrainAccountState, ApiRequest, SimulatorResponse> serve)
    {
        var request = context.Request;
        var isWrite = !HttpMethods.IsGet(request.Method);
        var body = isWrite ? await ReadBodyAsync(request, context.RequestAborted) : [];
        var key = isWrite && request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var values) && values.ToString() is { Length: > 0 } k
            ? k
            : null;
        var apiRequest = new ApiRequest(
            context.GetRouteValue("id") as string ?? string.Empty,
            request.Query["limit"].FirstOrDefault(),
            request.Query["cursor"].FirstOrDefault(),
            body);

        var (response, replayed) = Respond(context.GetRouteValue("accountId") as string ?? string.Empty,
            request.Headers.Authorization.ToString(), key, apiRequest, serve);
        _served.Enqueue(new MobieTrainServedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty,
            response.Status, key, replayed, isWrite && body.Length > 0 ? System.Text.Encoding.UTF8.GetString(body) : null));
        await WriteAsync(context, response);
    }

    private (SimulatorResponse Response, bool Replayed) Respond(
        string accountId, string authorization, string? key, ApiRequest request, Func<MobieTrainAccountState, ApiRequest, SimulatorResponse> serve)
    {
        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            || !_keys.TryGetValue(authorization[bearer.Length..].Trim(), out var reach))
        {
            return (SimulatorResponse.Error(401, "unauthorized", "The API key is missing or unknown."), false);
        }

        if (!reach.Contains(accountId))
        {
            return (SimulatorResponse.Error(403, "forbidden", "The API key does not reach this account."), false);
        }

        if (!_accounts.TryGetValue(accountId, out var account))
        {
            return (SimulatorResponse.Error(404, "not_found", "The account does not exist."), false);
        }

        lock (account.Gate)
        {
            if (RateLimitPerSecond > 0 && account.RateLimiter.TryAcquire(Clock, RateLimitPerSecond) is { } wait)
            {
                return (SimulatorResponse.Error(429, "rate_limited", "Too many requests for this account.", wait), false);
            }

            var now = Clock.GetUtcNow();
            var remember = key is not null && HonourIdempotencyKeys;
            if (remember && account.Idempotency.TryReplay(key!, now, out var first))
            {
                Interlocked.Increment(ref _replays);
                return (first, true);
            }

            SimulatorResponse response;
            try
            {
                response = serve(account, request);
            }
            catch (SimulatorApiException e)
            {
                response = e.Response;
            }

            if (remember)
            {
                account.Idempotency.Remember(key!, response, now);
            }

            return (response, false);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, SimulatorResponse response)
    {
        context.Response.StatusCode = response.Status;
        if (response.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (response.Body is { } body)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>What an operation needs from the request: the record id of the route, paging, and the body (parsed on demand).</summary>
    private sealed record ApiRequest(string Id, string? Limit, string? Cursor, byte[] RawBody)
    {
        public RequestBody Body() => RequestBody.Parse(RawBody);
    }
}
