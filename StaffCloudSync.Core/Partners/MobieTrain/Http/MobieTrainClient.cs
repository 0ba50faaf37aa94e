namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary><see cref="IMobieTrainClient"/> over HTTP (docs/mobietrain-api.md): paths, bodies, status codes and paging.</summary>
public sealed class MobieTrainClient(HttpClient http, IOptions<MobieTrainOptions> options, TimeProvider time, ILogger<MobieTrainClient> logger)
    : IMobieTrainClient
{
    public const string HttpClientName = "MobieTrain";
    private const string UserGroups = "user-groups";
    private const string Users = "users";
    private const string Invitations = "invitations";
    private readonly MobieTrainRequests _requests = new(http, options, time, logger);

    // Built when a create meets a 409 (rare); it reads the lists through this client.
    private MobieTrainConflicts Conflicts => new(this, logger);

    public IAsyncEnumerable<MobieTrainUserGroup> GetUserGroupsAsync(MobieTrainTarget target, CancellationToken cancellationToken) =>
        ListAsync(target, UserGroups, MobieTrainAnswers.ReadUserGroup, cancellationToken);

    public IAsyncEnumerable<MobieTrainUser> GetUsersAsync(MobieTrainTarget target, CancellationToken cancellationToken) =>
        ListAsync(target, Users, MobieTrainAnswers.ReadUser, cancellationToken);

    public IAsyncEnumerable<MobieTrainInvitation> GetInvitationsAsync(MobieTrainTarget target, CancellationToken cancellationToken) =>
        ListAsync(target, Invitations, MobieTrainAnswers.ReadInvitation, cancellationToken);

    public Task<MobieTrainUserGroup> CreateUserGroupAsync(
        MobieTrainWriteTarget target, string name, string? externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // A base group has no externalId: its name is what identifies it, for the idempotency key as for a conflict.
        var write = new MobieTrainWrite(HttpMethod.Post, UserGroups, "create-user-group", externalId ?? name,
            Body(new MobieTrainGroupBody(name, externalId), MobieTrainJson.Default.MobieTrainGroupBody));
        return CreateAsync(target, write, MobieTrainAnswers.ReadUserGroup,
            response => Conflicts.ResolveGroupConflictAsync(target, write, name, externalId, response, cancellationToken), cancellationToken);
    }

    public Task RenameUserGroupAsync(MobieTrainWriteTarget target, string groupId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var body = Body(new MobieTrainGroupBody(name), MobieTrainJson.Default.MobieTrainGroupBody);
        return PatchAsync(target, UserGroups, groupId, "rename-user-group", body, cancellationToken);
    }

    public Task UpdateUserAsync(MobieTrainWriteTarget target, string userId, PersonPatch patch, CancellationToken cancellationToken) =>
        PatchAsync(target, Users, userId, "update-user", Body(patch, MobieTrainJson.Default.PersonPatch), cancellationToken);

    public Task DeleteUserAsync(MobieTrainWriteTarget target, string userId, CancellationToken cancellationToken) =>
        DeleteAsync(target, Users, userId, "delete-user", cancellationToken);

    public Task<MobieTrainInvitation> CreateInvitationAsync(
        MobieTrainWriteTarget target, NewInvitation invitation, CancellationToken cancellationToken)
    {
        var write = new MobieTrainWrite(HttpMethod.Post, Invitations, "create-invitation", invitation.ExternalId,
            Body(invitation, MobieTrainJson.Default.NewInvitation));
        return CreateAsync(target, write, MobieTrainAnswers.ReadInvitation,
            response => Conflicts.ResolveInvitationConflictAsync(target, write, invitation, response, cancellationToken), cancellationToken);
    }

    public Task UpdateInvitationAsync(MobieTrainWriteTarget target, string invitationId, PersonPatch patch, CancellationToken cancellationToken) =>
        PatchAsync(target, Invitations, invitationId, "update-invitation", Body(patch, MobieTrainJson.Default.PersonPatch), cancellationToken);

    public Task DeleteInvitationAsync(MobieTrainWriteTarget target, string invitationId, CancellationToken cancellationToken) =>
        DeleteAsync(target, Invitations, invitationId, "delete-invitation", cancellationToken);

    // A page is read whole before its records are handed out, so a failure never leaves a half-parsed page acted upon.
    private async IAsyncEnumerable<T> ListAsync<T>(
        MobieTrainTarget target, string resource, Func<MobieTrainAnswer?, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var operation = $"GET /{resource}";
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        int pages = 0, records = 0;
        do
        {
            var path = $"{MobieTrainRequests.AccountPath(target)}/{resource}?limit={options.Value.PageSize}"
                + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            IReadOnlyList<T> items;
            using (var response = await _requests.SendAsync(target, new HttpRequestMessage(HttpMethod.Get, path), operation, cancellationToken))
            {
                if (!response.IsSuccessStatusCode)
                    throw await _requests.FailureAsync(target, operation, response, isWrite: false, cancellationToken);

                (items, cursor) = await _requests.ReadPageAsync(target, response, operation, read, cancellationToken);
            }

            pages++;

            // A server that hands out a cursor it gave before would keep us paging forever over the same records.
            if (cursor is not null && !cursors.Add(cursor))
                throw _requests.InvalidResponse(
                    target, operation, $"page {pages} returned a cursor of an earlier page again; paging would never end");

            foreach (var item in items)
            {
                records++;
                yield return item;
            }
        }
        while (cursor is not null);

        MobieTrainClientLog.ListRead(logger, target.TenantId, target.AccountId, resource, records, pages);
    }

    private async Task<T> CreateAsync<T>(MobieTrainWriteTarget target, MobieTrainWrite write, Func<MobieTrainAnswer?, T> read,
        Func<HttpResponseMessage, Task<T>> resolveConflict, CancellationToken cancellationToken)
    {
        using var response = await _requests.WriteAsync(target, write, cancellationToken);
        return response.IsSuccessStatusCode
            ? await _requests.ReadAsync(target, response, write.Operation, MobieTrainJson.Default.MobieTrainAnswer, read, cancellationToken)
            : response.StatusCode == HttpStatusCode.Conflict ? await resolveConflict(response)
            : throw await _requests.FailureAsync(target, write.Operation, response, isWrite: true, cancellationToken);
    }

    private async Task PatchAsync(
        MobieTrainWriteTarget target, string resource, string id, string action, byte[] body, CancellationToken cancellationToken)
    {
        var write = Write(HttpMethod.Patch, resource, id, action, body);
        using var response = await _requests.WriteAsync(target, write, cancellationToken);

        // The updated record in the body is not needed: the next run reads MobieTrain afresh.
        if (response.IsSuccessStatusCode)
            return;

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            MobieTrainClientLog.WriteRefused(logger, target.TenantId, target.AccountId, write.Operation, 404, "not_found");
            throw new MobieTrainRecordException(
                $"MobieTrain refused {write.Operation} (404): the record no longer exists (deleted since this run read it).", 404, "not_found");
        }

        throw await _requests.FailureAsync(target, write.Operation, response, isWrite: true, cancellationToken);
    }

    private async Task DeleteAsync(MobieTrainWriteTarget target, string resource, string id, string action, CancellationToken cancellationToken)
    {
        var write = Write(HttpMethod.Delete, resource, id, action, body: null);
        using var response = await _requests.WriteAsync(target, write, cancellationToken);

        // 404: gone already (deleted by hand, accepted, or by an earlier attempt whose answer was lost) — what we wanted.
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
            throw await _requests.FailureAsync(target, write.Operation, response, isWrite: true, cancellationToken);
    }

    private static MobieTrainWrite Write(HttpMethod method, string resource, string id, string action, byte[]? body)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new MobieTrainWrite(method, $"{resource}/{Uri.EscapeDataString(id)}", action, id, body);
    }

    // The canonical bytes (MobieTrainJson) its idempotency key is derived from.
    private static byte[] Body<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);
}
