using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>
/// <see cref="IMobieTrainClient"/> over HTTP, coded against our MobieTrain contract (docs/mobietrain-api.md). Everything
/// that depends on the shape of MobieTrain's API — paths, bodies, status codes, paging, conflict bodies — lives in this
/// class and its helpers, split by concern as StaffCloud's client is: <see cref="MobieTrainRequests"/> (the key, its
/// rotation, idempotency keys, what a failed answer means), <see cref="MobieTrainAnswers"/> (answers),
/// <see cref="MobieTrainJson"/> (request bodies) and <see cref="MobieTrainConflicts"/> (a create answered 409). Adapting
/// to the real API is a change there and in that document. Retries and timeouts come from the shared resilience
/// handlers; writes carry an idempotency key so they may be retried.
/// </summary>
public sealed class MobieTrainClient(HttpClient http, IOptions<MobieTrainOptions> options, TimeProvider time, ILogger<MobieTrainClient> logger)
    : IMobieTrainClient
{
    /// <summary>The name of its HttpClient, for a caller that needs the same pipeline (tests of the handlers).</summary>
    public const string HttpClientName = "MobieTrain";

    private const string UserGroups = "user-groups";
    private const string Users = "users";
    private const string Invitations = "invitations";

    private readonly IOptions<MobieTrainOptions> _options = options;
    private readonly ILogger<MobieTrainClient> _logger = logger;
    private readonly MobieTrainRequests _requests = new(http, options, time, logger);

    // Built when a create meets a 409 (rare); it reads the lists through this client.
    private MobieTrainConflicts Conflicts => new(this, _logger);

    public IAsyncEnumerable<MobieTrainUserGroup> GetUserGroupsAsync(MobieTrainTarget target, CancellationToken cancellationToken) =>
        ListAsync(target, UserGroups, MobieTrainAnswers.ReadUserGroup, cancellationToken);

    public IAsyncEnumerable<MobieTrainUser> GetUsersAsync(MobieTrainTarget target, CancellationToken cancellationToken) =>
        ListAsync(target, Users, MobieTrainAnswers.ReadUser, cancellationToken);

    public IAsyncEnumerable<MobieTrainInvitation> GetInvitationsAsync(MobieTrainTarget target, CancellationToken cancellationToken) =>
        ListAsync(target, Invitations, MobieTrainAnswers.ReadInvitation, cancellationToken);

    public async Task<MobieTrainUserGroup> CreateUserGroupAsync(MobieTrainWriteTarget target, string name, string? externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // A base group has no externalId: its name is what identifies it, for the idempotency key as for a conflict.
        var write = new MobieTrainWrite(HttpMethod.Post, UserGroups, "create-user-group", externalId ?? name, Body(new MobieTrainGroupBody(name, externalId), MobieTrainJson.Default.MobieTrainGroupBody));
        using var response = await _requests.WriteAsync(target, write, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await _requests.ReadRecordAsync(target, response, write.Operation, MobieTrainAnswers.ReadUserGroup, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return await Conflicts.ResolveGroupConflictAsync(target, write, name, externalId, response, cancellationToken);
        }

        throw await _requests.FailureAsync(target, write.Operation, response, isWrite: true, cancellationToken);
    }

    public Task RenameUserGroupAsync(MobieTrainWriteTarget target, string groupId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return PatchAsync(target, new MobieTrainWrite(HttpMethod.Patch, $"{UserGroups}/{MobieTrainRequests.Escape(groupId)}", "rename-user-group", groupId, Body(new MobieTrainGroupBody(name), MobieTrainJson.Default.MobieTrainGroupBody)),
            cancellationToken);
    }

    public Task UpdateUserAsync(MobieTrainWriteTarget target, string userId, PersonPatch patch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return PatchAsync(target, new MobieTrainWrite(HttpMethod.Patch, $"{Users}/{MobieTrainRequests.Escape(userId)}", "update-user", userId, Body(patch, MobieTrainJson.Default.PersonPatch)),
            cancellationToken);
    }

    public Task DeleteUserAsync(MobieTrainWriteTarget target, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return DeleteAsync(target, new MobieTrainWrite(HttpMethod.Delete, $"{Users}/{MobieTrainRequests.Escape(userId)}", "delete-user", userId, Body: null),
            cancellationToken);
    }

    public async Task<MobieTrainInvitation> CreateInvitationAsync(MobieTrainWriteTarget target, NewInvitation invitation, CancellationToken cancellationToken)
    {
        var write = new MobieTrainWrite(HttpMethod.Post, Invitations, "create-invitation", invitation.ExternalId, Body(invitation, MobieTrainJson.Default.NewInvitation));
        using var response = await _requests.WriteAsync(target, write, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await _requests.ReadRecordAsync(target, response, write.Operation, MobieTrainAnswers.ReadInvitation, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return await Conflicts.ResolveInvitationConflictAsync(target, write, invitation, response, cancellationToken);
        }

        throw await _requests.FailureAsync(target, write.Operation, response, isWrite: true, cancellationToken);
    }

    public Task UpdateInvitationAsync(MobieTrainWriteTarget target, string invitationId, PersonPatch patch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(invitationId);
        return PatchAsync(target,
            new MobieTrainWrite(HttpMethod.Patch, $"{Invitations}/{MobieTrainRequests.Escape(invitationId)}", "update-invitation", invitationId, Body(patch, MobieTrainJson.Default.PersonPatch)),
            cancellationToken);
    }

    public Task DeleteInvitationAsync(MobieTrainWriteTarget target, string invitationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(invitationId);
        return DeleteAsync(target,
            new MobieTrainWrite(HttpMethod.Delete, $"{Invitations}/{MobieTrainRequests.Escape(invitationId)}", "delete-invitation", invitationId, Body: null),
            cancellationToken);
    }

    /// <summary>
    /// Streams every page of a list, following <c>nextCursor</c> until it is null. A page is read whole before its
    /// records are handed out, so a failure never leaves a half-parsed page acted upon.
    /// </summary>
    private async IAsyncEnumerable<T> ListAsync<T>(
        MobieTrainTarget target,
        string resource,
        Func<MobieTrainAnswer?, T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var operation = $"GET /{resource}";
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var pages = 0;
        var records = 0;
        do
        {
            var path = $"{MobieTrainRequests.AccountPath(target)}/{resource}?limit={_options.Value.PageSize}"
                + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            IReadOnlyList<T> items;
            using (var response = await _requests.SendAsync(target, new HttpRequestMessage(HttpMethod.Get, path), operation, cancellationToken))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await _requests.FailureAsync(target, operation, response, isWrite: false, cancellationToken);
                }

                (items, cursor) = await _requests.ReadPageAsync(target, response, operation, read, cancellationToken);
            }

            pages++;

            // A server that hands out a cursor it gave before would keep us paging forever over the same records.
            if (cursor is not null && !cursors.Add(cursor))
            {
                throw _requests.InvalidResponse(target, operation, $"page {pages} returned a cursor of an earlier page again; paging would never end");
            }

            foreach (var item in items)
            {
                records++;
                yield return item;
            }
        }
        while (cursor is not null);

        MobieTrainClientLog.ListRead(_logger, target.TenantId, target.AccountId, resource, records, pages);
    }

    private async Task PatchAsync(MobieTrainWriteTarget target, MobieTrainWrite write, CancellationToken cancellationToken)
    {
        using var response = await _requests.WriteAsync(target, write, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            // The updated record in the body is not needed: the next run reads MobieTrain afresh.
            return;
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            MobieTrainClientLog.WriteRefused(_logger, target.TenantId, target.AccountId, write.Operation, 404, "not_found");
            throw new MobieTrainRecordException(
                $"MobieTrain refused {write.Operation} (404): the record no longer exists (deleted since this run read it).", 404, "not_found");
        }

        throw await _requests.FailureAsync(target, write.Operation, response, isWrite: true, cancellationToken);
    }

    private async Task DeleteAsync(MobieTrainWriteTarget target, MobieTrainWrite write, CancellationToken cancellationToken)
    {
        using var response = await _requests.WriteAsync(target, write, cancellationToken);

        // 404: gone already (deleted by hand, accepted, or by an earlier attempt whose answer was lost) — what we wanted.
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        throw await _requests.FailureAsync(target, write.Operation, response, isWrite: true, cancellationToken);
    }

    /// <summary>A request body in its canonical bytes (<see cref="MobieTrainJson"/>), which its idempotency key is derived from.</summary>
    private static byte[] Body<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);
}
