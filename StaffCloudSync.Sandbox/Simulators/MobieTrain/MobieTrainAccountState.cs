using System.Globalization;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// One MobieTrain account's records and the contract's rules over them (validation, conflicts, paging), without HTTP:
/// every operation returns the answer the API gives, or throws <see cref="SimulatorApiException"/> with it. Callers hold
/// <see cref="Gate"/>, which makes each request atomic (including its idempotency check) under parallel writes.
/// </summary>
internal sealed partial class MobieTrainAccountState(string accountId, TimeProvider clock)
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

    public SimulatorResponse ListGroups(string? limit, string? cursor) => Page(Groups, "user-groups", limit, cursor);

    public SimulatorResponse ListUsers(string? limit, string? cursor) => Page(Users, "users", limit, cursor);

    public SimulatorResponse ListInvitations(string? limit, string? cursor) => Page(Invitations, "invitations", limit, cursor);

    public SimulatorResponse CreateGroup(RequestBody body)
    {
        var name = Name(body, "name");
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

        var name = Name(body, "name");

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

    private static SimulatorResponse Page<T>(OrderedRecords<T> records, string list, string? limitText, string? cursor)
        where T : class
    {
        var limit = DefaultPageSize;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
        {
            throw SimulatorApiException.BadRequest($"limit must be a whole number from 1 to {MaxPageSize}.");
        }

        var after = 0L;
        if (cursor is not null && !PageCursor.TryDecode(cursor, list, out after))
        {
            throw SimulatorApiException.BadRequest("cursor is not one this list handed out.");
        }

        var (items, next) = records.Page(after, limit);
        return SimulatorResponse.Json(200, new ListPage<T>(items, next is { } n ? PageCursor.Encode(list, n) : null));
    }

    /// <summary>A required name: present, not blank, at most 255 characters (422 otherwise).</summary>
    private static string Name(RequestBody body, string field)
    {
        var name = body.Text(field);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw SimulatorApiException.Invalid($"{field} is required.");
        }

        return name.Length > MaxNameLength
            ? throw SimulatorApiException.Invalid($"{field} is longer than {MaxNameLength} characters.")
            : name;
    }

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

    private sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor);
}
