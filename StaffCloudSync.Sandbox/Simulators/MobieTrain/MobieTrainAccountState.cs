namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>One MobieTrain account's records and rules, without HTTP; <see cref="Gate"/> makes each request atomic.</summary>
internal sealed class MobieTrainAccountState(string accountId, TimeProvider clock)
{
    public const string DefaultLanguage = "en";

    // Secondary keys of the lists: 0 = externalId, 1 = the lower-cased e-mail (people) or name (groups).
    private const int ByExternalId = 0;
    private const int ByEmailOrName = 1;
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);
    private long _lastId;
    private long? _rateWindowStart;
    private int _rateWindowCount;

    public Lock Gate { get; } = new();

    public OrderedRecords<MobieTrainUserGroupResource> Groups { get; } =
        new("user-groups", g => g.Id, g => g.ExternalId, g => g.Name.ToLowerInvariant());

    public OrderedRecords<MobieTrainUserResource> Users { get; } = new("users", u => u.Id, u => u.ExternalId, u => u.Email?.ToLowerInvariant());

    public OrderedRecords<MobieTrainInvitationResource> Invitations { get; } =
        new("invitations", i => i.Id, i => i.ExternalId, i => i.Email?.ToLowerInvariant());

    // The first answer to each Idempotency-Key and when: replayed for 24 hours instead of acting again ("does nothing twice").
    public Dictionary<string, (SimulatorResponse Response, DateTimeOffset At)> Answers { get; } = new(StringComparer.Ordinal);

    // Null, or Retry-After's seconds; windows are elapsed timestamps, which move also while a scenario's "now" stands still.
    public int? Throttle(int limitPerSecond)
    {
        var now = clock.GetTimestamp();
        var elapsed = _rateWindowStart is { } start ? clock.GetElapsedTime(start, now) : RateWindow;
        if (elapsed >= RateWindow)
            (_rateWindowStart, _rateWindowCount, elapsed) = (now, 0, TimeSpan.Zero);

        if (_rateWindowCount >= limitPerSecond)
            return Math.Max(1, (int)Math.Ceiling((RateWindow - elapsed).TotalSeconds));

        _rateWindowCount++;
        return null;
    }

    public MobieTrainContents Contents() => new()
    {
        UserGroups = [.. Groups.Values],
        Users = [.. Users.Values],
        Invitations = [.. Invitations.Values],
    };

    public SimulatorResponse CreateGroup(RequestBody body)
    {
        var name = body.Name("name");
        var externalId = body.Text("externalId");
        var taken = (externalId is null ? null : Groups.FirstBy(ByExternalId, externalId)) ?? GroupNamed(name);
        if (taken is not null)
        {
            var what = taken.ExternalId == externalId && externalId is not null ? "externalId" : "name";
            return SimulatorResponse.Conflict($"A user group with this {what} exists already: {taken.Id}.", taken, "userGroup");
        }

        return SimulatorResponse.Json(201, Groups.Add(new MobieTrainUserGroupResource { Id = NewId("ug"), Name = name, ExternalId = externalId }));
    }

    public SimulatorResponse RenameGroup(string id, RequestBody body)
    {
        var group = Existing(Groups, id, "User group");
        var name = body.Name("name");

        // Names identify groups for the people in them, so two groups never share one (as on create).
        if (GroupNamed(name) is { } other && other.Id != id)
            return SimulatorResponse.Conflict($"A user group with this name exists already: {other.Id}.", other, "userGroup");

        return SimulatorResponse.Json(200, Groups.Replace(group with { Name = name }));
    }

    public SimulatorResponse UpdateUser(string id, RequestBody body)
    {
        var user = Existing(Users, id, "User");
        return SimulatorResponse.Json(200, Users.Replace(user with
        {
            FirstName = body.Has("firstName") ? body.Name("firstName") : user.FirstName,
            LastName = body.Has("lastName") ? body.Name("lastName") : user.LastName,
            Email = body.Has("email") ? body.NonBlank("email") : user.Email,
            Phone = body.Has("phone") ? body.NonBlank("phone") : user.Phone,
            Language = body.Has("language") ? body.Language() : user.Language,
            UserGroupIds = body.Has("userGroupIds") ? GroupIds(body) : user.UserGroupIds,
        }));
    }

    public SimulatorResponse DeleteUser(string id) =>
        Users.Remove(id) ? SimulatorResponse.NoContent : throw SimulatorApiException.NotFound($"User {id} does not exist.");

    public SimulatorResponse CreateInvitation(RequestBody body)
    {
        var firstName = body.Name("firstName");
        var lastName = body.Name("lastName");
        var email = body.NonBlank("email");
        var phone = body.NonBlank("phone");
        if (email is null && phone is null)
            throw SimulatorApiException.Invalid("email or phone is required.");

        var language = body.Has("language") ? body.Language() : DefaultLanguage;
        var groups = body.Has("userGroupIds") ? GroupIds(body) : [];
        var externalId = body.NonBlank("externalId");
        return PersonConflict(externalId, email) ?? SimulatorResponse.Json(201, Invitations.Add(new MobieTrainInvitationResource
        {
            Id = NewId("inv"),
            ExternalId = externalId,
            FirstName = firstName,
            LastName = lastName,
            Email = email,
            Phone = phone,
            Language = language,
            UserGroupIds = groups,
            CreatedAt = clock.GetUtcNow(),
        }));
    }

    public SimulatorResponse UpdateInvitation(string id, RequestBody body)
    {
        var invitation = Existing(Invitations, id, "Invitation");
        if (body.Has("email") || body.Has("phone"))
            throw SimulatorApiException.Invalid("email and phone of an invitation cannot change: withdraw it and invite again.");

        return SimulatorResponse.Json(200, Invitations.Replace(invitation with
        {
            FirstName = body.Has("firstName") ? body.Name("firstName") : invitation.FirstName,
            LastName = body.Has("lastName") ? body.Name("lastName") : invitation.LastName,
            Language = body.Has("language") ? body.Language() : invitation.Language,
            UserGroupIds = body.Has("userGroupIds") ? GroupIds(body) : invitation.UserGroupIds,
        }));
    }

    public SimulatorResponse DeleteInvitation(string id) =>
        Invitations.Remove(id) ? SimulatorResponse.NoContent : throw SimulatorApiException.NotFound($"Invitation {id} does not exist.");

    public MobieTrainUserGroupResource SeedGroup(MobieTrainUserGroupResource group) =>
        Groups.Add(group with { Id = string.IsNullOrEmpty(group.Id) ? NewId("ug") : group.Id });

    public MobieTrainUserResource SeedUser(MobieTrainUserResource user) =>
        Users.Add(user with { Id = string.IsNullOrEmpty(user.Id) ? NewId("u") : user.Id });

    public MobieTrainInvitationResource SeedInvitation(MobieTrainInvitationResource invitation) =>
        Invitations.Add(invitation with { Id = string.IsNullOrEmpty(invitation.Id) ? NewId("inv") : invitation.Id });

    public MobieTrainUserResource AcceptInvitation(string externalId, DateTimeOffset registeredAt)
    {
        var invitation = Invitations.FirstBy(ByExternalId, externalId)
            ?? throw new InvalidOperationException($"Account '{accountId}' has no pending invitation with externalId '{externalId}'.");
        Invitations.Remove(invitation.Id);
        return Users.Add(new MobieTrainUserResource
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
        });
    }

    public MobieTrainUserResource UpsertUser(MobieTrainUserEdit edit)
    {
        var existing = Users.FirstBy(ByExternalId, edit.ExternalId);
        var user = (existing ?? new MobieTrainUserResource
        {
            Id = NewId("u"),
            ExternalId = edit.ExternalId,
            RegisteredAt = edit.RegisteredAt ?? clock.GetUtcNow(),
        }) with
        {
            FirstName = edit.FirstName ?? existing?.FirstName ?? string.Empty,
            LastName = edit.LastName ?? existing?.LastName ?? string.Empty,
            Email = edit.Email ?? existing?.Email,
            Phone = edit.Phone ?? existing?.Phone,
            Language = edit.Language ?? existing?.Language ?? DefaultLanguage,
            UserGroupIds = edit.UserGroupIds ?? existing?.UserGroupIds ?? [],
        };
        return existing is null ? Users.Add(user) : Users.Replace(user);
    }

    private static T Existing<T>(OrderedRecords<T> records, string id, string kind)
        where T : class =>
        records.Find(id) ?? throw SimulatorApiException.NotFound($"{kind} {id} does not exist.");

    private MobieTrainUserGroupResource? GroupNamed(string name) => Groups.FirstBy(ByEmailOrName, name.ToLowerInvariant());

    // A record with the same externalId is named first: it is the one a client can recognise as its own earlier create.
    private SimulatorResponse? PersonConflict(string? externalId, string? email)
    {
        foreach (var (key, value, what) in new[] { (ByExternalId, externalId, "externalId"), (ByEmailOrName, email?.ToLowerInvariant(), "email") })
        {
            if (value is null)
                continue;
            if (Users.FirstBy(key, value) is { } user)
                return SimulatorResponse.Conflict($"A user with this {what} exists already: {user.Id}.", user, "user");
            if (Invitations.FirstBy(key, value) is { } invitation)
                return SimulatorResponse.Conflict($"A pending invitation with this {what} exists already: {invitation.Id}.", invitation, "invitation");
        }

        return null;
    }

    private List<string> GroupIds(RequestBody body)
    {
        var ids = body.Ids("userGroupIds") ?? throw SimulatorApiException.Invalid("userGroupIds must be a list.");
        if (ids.FirstOrDefault(id => !Groups.Contains(id)) is { } unknown)
            throw SimulatorApiException.Invalid($"userGroupIds holds an unknown user group: {unknown}.");

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    // Seeded records may use any id, so generated ones step over those.
    private string NewId(string prefix)
    {
        string id;
        do
            id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{++_lastId}");
        while (Groups.Contains(id) || Users.Contains(id) || Invitations.Contains(id));

        return id;
    }
}
