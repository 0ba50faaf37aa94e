namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>Users and invitations: the contract's validation, conflicts, acceptance and manual edits.</summary>
internal sealed partial class MobieTrainAccountState
{
    public SimulatorResponse UpdateUser(string id, RequestBody body)
    {
        if (!Users.TryGet(id, out var user))
        {
            throw SimulatorApiException.NotFound($"User {id} does not exist.");
        }

        user = user with
        {
            FirstName = body.Has("firstName") ? Name(body, "firstName") : user.FirstName,
            LastName = body.Has("lastName") ? Name(body, "lastName") : user.LastName,
            Email = body.Has("email") ? Blank(body.Text("email")) : user.Email,
            Phone = body.Has("phone") ? Blank(body.Text("phone")) : user.Phone,
            Language = body.Has("language") ? Language(body) : user.Language,
            UserGroupIds = body.Has("userGroupIds") ? GroupIds(body) : user.UserGroupIds,
        };
        Users.Replace(id, user);
        return SimulatorResponse.Json(200, user);
    }

    public SimulatorResponse DeleteUser(string id) =>
        Users.Remove(id) ? SimulatorResponse.NoContent : throw SimulatorApiException.NotFound($"User {id} does not exist.");

    public SimulatorResponse CreateInvitation(RequestBody body)
    {
        var firstName = Name(body, "firstName");
        var lastName = Name(body, "lastName");
        var email = Blank(body.Text("email"));
        var phone = Blank(body.Text("phone"));
        if (email is null && phone is null)
        {
            throw SimulatorApiException.Invalid("email or phone is required.");
        }

        var language = body.Has("language") ? Language(body) : DefaultLanguage;
        var groups = body.Has("userGroupIds") ? GroupIds(body) : [];
        var externalId = Blank(body.Text("externalId"));
        if (Conflict(externalId, email) is { } conflict)
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
            FirstName = body.Has("firstName") ? Name(body, "firstName") : invitation.FirstName,
            LastName = body.Has("lastName") ? Name(body, "lastName") : invitation.LastName,
            Language = body.Has("language") ? Language(body) : invitation.Language,
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

    /// <summary>
    /// 409 when a user or pending invitation has this externalId or this e-mail (case-insensitive). A record with the same
    /// externalId is named first: it is the one a client can recognise as its own earlier create.
    /// </summary>
    private SimulatorResponse? Conflict(string? externalId, string? email)
    {
        if (externalId is not null)
        {
            if (Users.FirstBy(ByExternalId, externalId) is { } user)
            {
                return SimulatorResponse.Conflict($"A user with this externalId exists already: {user.Id}.", user, "user");
            }

            if (Invitations.FirstBy(ByExternalId, externalId) is { } invitation)
            {
                return SimulatorResponse.Conflict($"A pending invitation with this externalId exists already: {invitation.Id}.", invitation, "invitation");
            }
        }

        if (email is not null)
        {
            if (Users.FirstBy(ByEmailOrName, email.ToLowerInvariant()) is { } user)
            {
                return SimulatorResponse.Conflict($"A user with this email exists already: {user.Id}.", user, "user");
            }

            if (Invitations.FirstBy(ByEmailOrName, email.ToLowerInvariant()) is { } invitation)
            {
                return SimulatorResponse.Conflict($"A pending invitation with this email exists already: {invitation.Id}.", invitation, "invitation");
            }
        }

        return null;
    }

    private static string Language(RequestBody body) =>
        Blank(body.Text("language")) ?? throw SimulatorApiException.Invalid("language must not be empty.");

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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
