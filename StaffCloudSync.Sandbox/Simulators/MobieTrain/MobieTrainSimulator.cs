using Microsoft.AspNetCore.Routing;
using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>MobieTrain's API (../shared/spec/mobietrain-api.md); the public methods are the scenario's hands.</summary>
public sealed class MobieTrainSimulator(TimeProvider clock) : SimulatorHost(clock)
{
    private static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);
    private readonly ConcurrentDictionary<string, MobieTrainAccountState> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<MobieTrainServedRequest> _served = new();
    private long _replays;

    public int RateLimitPerSecond { get; set; } // per account; 0 (the default) is no limit

    // Off lets a test show what a client does without it: a retried create then meets its own record as a 409.
    public bool HonourIdempotencyKeys { get; set; } = true;
    public IReadOnlyList<MobieTrainServedRequest> ServedRequests => [.. _served];
    public long Replays => Interlocked.Read(ref _replays);

    public void AddAccount(string accountId) => Account(accountId);

    public void AddApiKey(string apiKey, params IEnumerable<string> accountIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        _keys[apiKey] = accountIds.ToHashSet(StringComparer.Ordinal);
    }

    public void RemoveApiKey(string apiKey) => _keys.TryRemove(apiKey, out _);

    public MobieTrainUserGroupResource SeedUserGroup(string accountId, MobieTrainUserGroupResource group) =>
        InAccount(accountId, account => account.SeedGroup(group));

    public MobieTrainUserResource SeedUser(string accountId, MobieTrainUserResource user) => InAccount(accountId, account => account.SeedUser(user));

    public MobieTrainInvitationResource SeedInvitation(string accountId, MobieTrainInvitationResource invitation) =>
        InAccount(accountId, account => account.SeedInvitation(invitation));

    // Groups first, so ids referenced by people exist.
    public MobieTrainContents Seed(string accountId, MobieTrainContents contents) => InAccount(accountId, account => new MobieTrainContents
    {
        UserGroups = [.. contents.UserGroups.Select(account.SeedGroup)],
        Users = [.. contents.Users.Select(account.SeedUser)],
        Invitations = [.. contents.Invitations.Select(account.SeedInvitation)],
    });

    public MobieTrainUserResource AcceptInvitation(string accountId, string externalId, DateTimeOffset registeredAt) =>
        InAccount(accountId, account => account.AcceptInvitation(externalId, registeredAt));

    public MobieTrainUserResource UpsertUser(string accountId, MobieTrainUserEdit edit) => InAccount(accountId, account => account.UpsertUser(edit));

    public MobieTrainContents GetContents(string accountId) => InAccount(accountId, account => account.Contents());

    // Per request: API key (401, 403), account (404), rate limit (429), idempotent replay, the operation. A throttled or refused
    // request has not acted, so its answer is not remembered for its idempotency key: the retry is served for real.
    protected override void MapEndpoints(WebApplication app)
    {
        Map(app, HttpMethods.Get, "/user-groups", (a, r) => a.Groups.Page(r.Limit, r.Cursor));
        Map(app, HttpMethods.Post, "/user-groups", (a, r) => a.CreateGroup(r.Body()));
        Map(app, HttpMethods.Patch, "/user-groups/{id}", (a, r) => a.RenameGroup(r.Id, r.Body()));
        Map(app, HttpMethods.Get, "/users", (a, r) => a.Users.Page(r.Limit, r.Cursor));
        Map(app, HttpMethods.Patch, "/users/{id}", (a, r) => a.UpdateUser(r.Id, r.Body()));
        Map(app, HttpMethods.Delete, "/users/{id}", (a, r) => a.DeleteUser(r.Id));
        Map(app, HttpMethods.Get, "/invitations", (a, r) => a.Invitations.Page(r.Limit, r.Cursor));
        Map(app, HttpMethods.Post, "/invitations", (a, r) => a.CreateInvitation(r.Body()));
        Map(app, HttpMethods.Patch, "/invitations/{id}", (a, r) => a.UpdateInvitation(r.Id, r.Body()));
        Map(app, HttpMethods.Delete, "/invitations/{id}", (a, r) => a.DeleteInvitation(r.Id));
        app.MapFallback(context => WriteErrorAsync(context, 404, "not_found", "No such endpoint."));
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteAsync(context, SimulatorResponse.Error(status, code, message));

    private MobieTrainAccountState Account(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return _accounts.GetOrAdd(accountId, id => new MobieTrainAccountState(id, Clock));
    }

    private T InAccount<T>(string accountId, Func<MobieTrainAccountState, T> action)
    {
        var account = Account(accountId);
        lock (account.Gate)
            return action(account);
    }

    private void Map(WebApplication app, string method, string path, Func<MobieTrainAccountState, ApiRequest, SimulatorResponse> serve) =>
        app.MapMethods("/v1/accounts/{accountId}" + path, [method], context => ServeAsync(context, serve));

    private async Task ServeAsync(HttpContext context, Func<MobieTrainAccountState, ApiRequest, SimulatorResponse> serve)
    {
        var request = context.Request;
        var isWrite = !HttpMethods.IsGet(request.Method);
        using var buffer = new MemoryStream();
        if (isWrite)
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var key = isWrite && request.Headers[IdempotencyKey.HeaderName].ToString() is { Length: > 0 } k ? k : null;
        var apiRequest = new ApiRequest(context.GetRouteValue("id") as string ?? string.Empty,
            request.Query["limit"].FirstOrDefault(), request.Query["cursor"].FirstOrDefault(), body);

        var (response, replayed) = Respond(context.GetRouteValue("accountId") as string ?? string.Empty, BearerToken(request), key, apiRequest, serve);
        _served.Enqueue(new MobieTrainServedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty,
            response.Status, key, replayed, isWrite && body.Length > 0 ? Encoding.UTF8.GetString(body) : null));
        await WriteAsync(context, response);
    }

    private (SimulatorResponse Response, bool Replayed) Respond(
        string accountId, string? apiKey, string? key, ApiRequest request, Func<MobieTrainAccountState, ApiRequest, SimulatorResponse> serve)
    {
        if (apiKey is null || !_keys.TryGetValue(apiKey, out var reach))
            return (SimulatorResponse.Error(401, "unauthorized", "The API key is missing or unknown."), false);

        if (!reach.Contains(accountId))
            return (SimulatorResponse.Error(403, "forbidden", "The API key does not reach this account."), false);

        if (!_accounts.TryGetValue(accountId, out var account))
            return (SimulatorResponse.Error(404, "not_found", "The account does not exist."), false);

        lock (account.Gate)
        {
            if (RateLimitPerSecond > 0 && account.Throttle(RateLimitPerSecond) is { } wait)
                return (SimulatorResponse.Error(429, "rate_limited", "Too many requests for this account.", wait), false);

            var now = Clock.GetUtcNow();
            var remember = key is not null && HonourIdempotencyKeys;
            if (remember && account.Answers.TryGetValue(key!, out var first))
            {
                if (now - first.At < IdempotencyRetention)
                {
                    Interlocked.Increment(ref _replays);
                    return (first.Response, true);
                }

                account.Answers.Remove(key!);
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
                account.Answers[key!] = (response, now);
            return (response, false);
        }
    }

    private static async Task WriteAsync(HttpContext context, SimulatorResponse response)
    {
        context.Response.StatusCode = response.Status;
        if (response.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        if (response.Body is { } body)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private sealed record ApiRequest(string Id, string? Limit, string? Cursor, byte[] RawBody)
    {
        public RequestBody Body() => RequestBody.Parse(RawBody);
    }
}

/// <summary>A request the API logic answered, with its status before a <c>commit</c> fault; never the Authorization.</summary>
public sealed record MobieTrainServedRequest(string Method, string Path, string Query, int Status, string? IdempotencyKey, bool Replayed, string? Body)
{
    public bool IsWrite => !string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);
}
