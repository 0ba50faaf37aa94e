namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// One MobieTrain account's records and the contract's rules over them (validation, conflicts, paging), without HTTP:
/// every operation returns the answer the API gives, or throws <see cref="SimulatorApiException"/> with it. Callers hold
/// <see cref="Gate"/>, which makes each request atomic (including its idempotency check) under parallel writes. Groups,
/// then users and invitations (validation, conflicts, acceptance, manual edits).
/// </summary>
internal sealed class MobieTrainAccountState(string accountId, TimeProvider clock)
{
    public const string DefaultLanguage = "en";
    public const int MaxNameLength = 255;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    private long _lastId;

    public string AccountId { get; } = accountId;

    public Lock Gate { get; } = new();

    // Secondary keys of the lists: 0 = externalId, 1 = the lower-cased e-mail (people) or name (groups).
    internal const int ByExternalId = 0;
    internal const int ByEmailOrName = 1;

    public OrderedRecords<MobieTrainUserGroupResource> Groups { get; } = new(g => g.ExternalId, g => g.Name.ToLowerInvariant());

    public OrderedRecords<MobieTrainUserResource> Users { get; } = new(u => u.ExternalId, u => u.Email?.ToLowerInvariant());

    public OrderedRecords<MobieTrainInvitationResource> Invitations { get; } = new(i => i.ExternalId, i => i.Email?.ToLowerInvariant());

    public IdempotencyStore Idempotency { get; } = new();

    public AccountRateLimiter RateLimiter { get; } = new();

    public SimulatorResponse ListGroups(string? limit, string? cursor) => ListPages.Page(Groups, "user-groups", limit, cursor);

    public SimulatorResponse ListUsers(string? limit, string? cursor) => ListPages.Page(Users, "users", limit, cursor);

    public SimulatorResponse ListInvitations(string? limit, string? cursor) => ListPages.Page(Invitations, "invitations", limit, cursor);

    public SimulatorResponse CreateGroup(RequestBody body)
    {
        var name = RequiredFields.Name(body, "name");
        var externalId = body.Text("externalId");
        var taken = (externalId is null ? null : Groups.FirstBy(ByExternalId, externalId))
            ?? GroupNamed(name);
        if (taken is not null)
        {
            var what = taken.ExternalId == externalId && externalId is not null ? "externalId" : "name";
            return SimulatorResponse.Conflict($"A user group with this {what} exists already: {taken.Id}.", taken, "userGroup");
        }

        var group = new MobieTrainUserGroupResource { Id = NewId("ug"), Name = name, ExternalId = externalId };
        Groups.Add(group.Id, group);
        return SimulatorResponse.Json(201, group);
    }

    public SimulatorResponse RenameGroup(string id, RequestBody body)
    {
        if (!Groups.TryGet(id, out var group))
        {
            throw SimulatorApiException.NotFound($"User group {id} does not exist.");
        }

        var name = RequiredFields.Name(body, "name");

        // Names identify groups for the people in them, so two groups never share one (as on create).
        if (GroupNamed(name) is { } other && other.Id != id)
        {
            return SimulatorResponse.Conflict($"A user group with this name exists already: {other.Id}.", other, "userGroup");
        }

        group = group with { Name = name };
        Groups.Replace(id, group);
        return SimulatorResponse.Json(200, group);
    }

    public MobieTrainUserGroupResource SeedGroup(MobieTrainUserGroupResource group)
    {
        group = group with { Id = string.IsNullOrEmpty(group.Id) ? NewId("ug") : group.Id };
        Groups.Add(group.Id, group);
        return group;
    }

    public MobieTrainContents Contents() => new()
    {
        UserGroups = [.. Groups.Values],
        Users = [.. Users.Values],
        Invitations = [.. Invitations.Values],
    };

    private MobieTrainUserGroupResource? GroupNamed(string name) =>
        Groups.FirstBy(ByEmailOrName, name.ToLowerInvariant());

    /// <summary>A new id of this account; seeded records may use any id, so generated ones step over those.</summary>
    private string NewId(string prefix)
    {
        string id;
        do
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{++_lastId}");
        }
        while (Groups.Contains(id) || Users.Contains(id) || Invitations.Contains(id));

        return id;
    }

    private DateTimeOffset Now() => clock.GetUtcNow();

    public SimulatorResponse UpdateUser(string id, RequestBody body)
    {
        if (!Users.TryGet(id, out var user))
        {
            throw SimulatorApiException.NotFound($"User {id} does not exist.");
        }

        user = user with
        {
            FirstName = body.Has("firstName") ? RequiredFields.Name(body, "firstName") : user.FirstName,
            LastName = body.Has("lastName") ? RequiredFields.Name(body, "lastName") : user.LastName,
            Email = body.Has("email") ? RequiredFields.Blank(body.Text("email")) : user.Email,
            Phone = body.Has("phone") ? RequiredFields.Blank(body.Text("phone")) : user.Phone,
            Language = body.Has("language") ? RequiredFields.Language(body) : user.Language,
            UserGroupIds = body.Has("userGroupIds") ? GroupIds(body) : user.UserGroupIds,
        };
        Users.Replace(id, user);
        return SimulatorResponse.Json(200, user);
    }

    public SimulatorResponse DeleteUser(string id) =>
        Users.Remove(id) ? SimulatorResponse.NoContent : throw SimulatorApiException.NotFound($"User {id} does not exist.");

    public SimulatorResponse CreateInvitation(RequestBody body)
    {
        var firstName = RequiredFields.Name(body, "firstName");
        var lastName = RequiredFields.Name(body, "lastName");
        var email = RequiredFields.Blank(body.Text("email"));
        var phone = RequiredFields.Blank(body.Text("phone"));
        if (email is null && phone is null)
        {
            throw SimulatorApiException.Invalid("email or phone is required.");
        }

        var language = body.Has("language") ? RequiredFields.Language(body) : DefaultLanguage;
        var groups = body.Has("userGroupIds") ? GroupIds(body) : [];
        var externalId = RequiredFields.Blank(body.Text("externalId"));
        if (PersonConflicts.Find(this, externalId, email) is { } conflict)
        {
            return conflict;
        }

        var invitation = new MobieTrainInvitationResource
        {
            Id = NewId("inv"),
            ExternalId = externalId,
            FirstName = firstName,
            LastName = lastName,
            Email = email,
            Phone = phone,
            Language = language,
            UserGroupIds = groups,
            CreatedAt = Now(),
        };
        Invitations.Add(invitation.Id, invitation);
        return SimulatorResponse.Json(201, invitation);
    }

    public SimulatorResponse UpdateInvitation(string id, RequestBody body)
    {
        if (!Invitations.TryGet(id, out var invitation))
        {
            throw SimulatorApiException.NotFound($"Invitation {id} does not exist.");
        }

        if (body.Has("email") || body.Has("phone"))
        {
            throw SimulatorApiException.Invalid("email and phone of an invitation cannot change: withdraw it and invite again.");
        }

        invitation = invitation with
        {
            FirstName = body.Has("firstName") ? RequiredFields.Name(body, "firstName") : invitation.FirstName,
            LastName = body.Has("lastName") ? RequiredFields.Name(body, "lastName") : invitation.LastName,
            Language = body.Has("language") ? RequiredFields.Language(body) : invitation.Language,
            UserGroupIds = body.Has("userGroupIds") ? GroupIds(body) : invitation.UserGroupIds,
        };
        Invitations.Replace(id, invitation);
        return SimulatorResponse.Json(200, invitation);
    }

    public SimulatorResponse DeleteInvitation(string id) =>
        Invitations.Remove(id) ? SimulatorResponse.NoContent : throw SimulatorApiException.NotFound($"Invitation {id} does not exist.");

    public MobieTrainUserResource SeedUser(MobieTrainUserResource user)
    {
        user = user with { Id = string.IsNullOrEmpty(user.Id) ? NewId("u") : user.Id };
        Users.Add(user.Id, user);
        return user;
    }

    public MobieTrainInvitationResource SeedInvitation(MobieTrainInvitationResource invitation)
    {
        invitation = invitation with { Id = string.IsNullOrEmpty(invitation.Id) ? NewId("inv") : invitation.Id };
        Invitations.Add(invitation.Id, invitation);
        return invitation;
    }

    /// <summary>The invitee accepted: the invitation leaves the pending list and a user with its profile and groups appears.</summary>
    public MobieTrainUserResource AcceptInvitation(string externalId, DateTimeOffset registeredAt)
    {
        var invitation = Invitations.FirstBy(ByExternalId, externalId)
            ?? throw new InvalidOperationException($"Account '{AccountId}' has no pending invitation with externalId '{externalId}'.");
        Invitations.Remove(invitation.Id);
        var user = new MobieTrainUserResource
        {
            Id = NewId("u"),
            ExternalId = invitation.ExternalId,
            FirstName = invitation.FirstName,
            LastName = invitation.LastName,
            Email = invitation.Email,
            Phone = invitation.Phone,
            Language = invitation.Language,
            UserGroupIds = invitation.UserGroupIds,
            RegisteredAt = registeredAt,
        };
        Users.Add(user.Id, user);
        return user;
    }

    /// <summary>An edit made in MobieTrain's admin: merges the fields given into the user with that externalId, or adds the user.</summary>
    public MobieTrainUserResource UpsertUser(MobieTrainUserEdit edit)
    {
        var existing = Users.FirstBy(ByExternalId, edit.ExternalId);
        var user = (existing ?? new MobieTrainUserResource
        {
            Id = NewId("u"),
            ExternalId = edit.ExternalId,
            RegisteredAt = edit.RegisteredAt ?? Now(),
        }) with
        {
            FirstName = edit.FirstName ?? existing?.FirstName ?? string.Empty,
            LastName = edit.LastName ?? existing?.LastName ?? string.Empty,
            Email = edit.Email ?? existing?.Email,
            Phone = edit.Phone ?? existing?.Phone,
            Language = edit.Language ?? existing?.Language ?? DefaultLanguage,
            UserGroupIds = edit.UserGroupIds ?? existing?.UserGroupIds ?? [],
        };

        if (existing is null)
        {
            Users.Add(user.Id, user);
        }
        else
        {
            Users.Replace(user.Id, user);
        }

        return user;
    }

    /// <summary>The new set of groups (it replaces the old one); every id must be a group of this account (422).</summary>
    private List<string> GroupIds(RequestBody body)
    {
        var ids = body.Ids("userGroupIds") ?? throw SimulatorApiException.Invalid("userGroupIds must be a list.");
        if (ids.FirstOrDefault(id => !Groups.Contains(id)) is { } unknown)
        {
            throw SimulatorApiException.Invalid($"userGroupIds holds an unknown user group: {unknown}.");
        }

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }
}
