using System.Collections.Concurrent;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// MobieTrain's provisioning API as our contract describes it (../shared/spec/mobietrain-api.md), on loopback HTTP:
/// several accounts, API keys that reach chosen accounts, groups/users/invitations per account, cursor paging,
/// validation and conflicts, idempotency keys, an optional per-account rate limit — plus what the base host adds
/// (counters, latency, scripted faults, outages). The methods below are the scenario's hands: seeding, invitees
/// accepting, edits made in MobieTrain's admin, and reading the state back.
/// </summary>
public sealed partial class MobieTrainSimulator(TimeProvider clock) : SimulatorHost(clock)
{
    private readonly ConcurrentDictionary<string, MobieTrainAccountState> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<MobieTrainServedRequest> _served = new();
    private long _replays;

    /// <summary>Requests per second and account before answering 429 with <c>Retry-After</c>; 0 (the default) is no limit.</summary>
    public int RateLimitPerSecond { get; set; }

    /// <summary>
    /// Whether repeated <c>Idempotency-Key</c>s are answered from the first answer (the contract; default). Off lets a
    /// test show what a client does without that help: a retried create then meets its own record as a 409.
    /// </summary>
    public bool HonourIdempotencyKeys { get; set; } = true;

    /// <summary>Every request the API logic answered, in order of arrival.</summary>
    public IReadOnlyList<MobieTrainServedRequest> ServedRequests => [.. _served];

    /// <summary>Writes answered from the idempotency store without acting.</summary>
    public long Replays => Interlocked.Read(ref _replays);

    public void AddAccount(string accountId) => Account(accountId);

    /// <summary>Issues <paramref name="apiKey"/> for the given accounts (replacing what it reached before).</summary>
    public void AddApiKey(string apiKey, params IEnumerable<string> accountIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        _keys[apiKey] = accountIds.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Revokes a key: it is answered 401 from now on.</summary>
    public void RemoveApiKey(string apiKey) => _keys.TryRemove(apiKey, out _);

    public MobieTrainUserGroupResource SeedUserGroup(string accountId, MobieTrainUserGroupResource group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return InAccount(accountId, account => account.SeedGroup(group));
    }

    public MobieTrainUserResource SeedUser(string accountId, MobieTrainUserResource user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return InAccount(accountId, account => account.SeedUser(user));
    }

    public MobieTrainInvitationResource SeedInvitation(string accountId, MobieTrainInvitationResource invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return InAccount(accountId, account => account.SeedInvitation(invitation));
    }

    /// <summary>Adds a scenario's records (groups first, so ids referenced by people exist); returns them with their ids.</summary>
    public MobieTrainContents Seed(string accountId, MobieTrainContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return InAccount(accountId, account => new MobieTrainContents
        {
            UserGroups = [.. contents.UserGroups.Select(account.SeedGroup)],
            Users = [.. contents.Users.Select(account.SeedUser)],
            Invitations = [.. contents.Invitations.Select(account.SeedInvitation)],
        });
    }

    /// <summary>The invitee with this externalId accepts: the invitation becomes a user registered at <paramref name="registeredAt"/>.</summary>
    public MobieTrainUserResource AcceptInvitation(string accountId, string externalId, DateTimeOffset registeredAt) =>
        InAccount(accountId, account => account.AcceptInvitation(externalId, registeredAt));

    /// <summary>A manual edit in MobieTrain: merges the given fields into the user with that externalId (added when missing).</summary>
    public MobieTrainUserResource UpsertUser(string accountId, MobieTrainUserEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return InAccount(accountId, account => account.UpsertUser(edit));
    }

    /// <summary>The account's records in the contract's shape, each list in API order.</summary>
    public MobieTrainContents GetContents(string accountId) => InAccount(accountId, account => account.Contents());

    private MobieTrainAccountState Account(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return _accounts.GetOrAdd(accountId, id => new MobieTrainAccountState(id, Clock));
    }

    private T InAccount<T>(string accountId, Func<MobieTrainAccountState, T> action)
    {
        var account = Account(accountId);
        lock (account.Gate)
        {
            return action(account);
        }
    }
}
