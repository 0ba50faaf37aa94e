using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>The API key: 401 and 403 end the run naming tenant, account and secret (never the key); a rotated key is picked up.</summary>
public sealed class MobieTrainClientAuthTests
{
    [Test]
    public async Task UnknownKey_FailsTheRunAsAuthentication_NamingTenantAccountAndSecret_ButNotTheKey()
    {
        await using var context = await MobieTrainHarness.StartAsync(new Dictionary<string, string?>
        {
            [$"Secrets:Values:{MobieTrainHarness.SecretName}"] = "revoked-key-canary",
        });

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
            Assert.That(failure.Message, Does.Contain("401").And.Contain(MobieTrainHarness.Tenant)
                .And.Contain(MobieTrainHarness.Account).And.Contain(MobieTrainHarness.SecretName));
            Assert.That(failure.Message, Does.Not.Contain("revoked-key-canary"));
            Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(1), "the secret did not change, so no second try");
            Assert.That(context.Logs.GetSnapshot().Select(l => l.Message), Has.None.Contains("revoked-key-canary"));
        }
    }

    [Test]
    public async Task KeyThatDoesNotReachTheAccount_FailsTheRunAsAuthentication_SayingSo()
    {
        await using var context = await MobieTrainHarness.StartAsync();

        var failure = Assert.ThrowsAsync<SyncRunException>(() => context.Client.CreateUserGroupAsync(
            MobieTrainHarness.Target(account: MobieTrainHarness.OtherAccount), "G", "staffcloud-event-1", CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
            Assert.That(failure.Message, Does.Contain("403").And.Contain("does not reach").And.Contain(MobieTrainHarness.OtherAccount)
                .And.Contain(MobieTrainHarness.Tenant).And.Contain(MobieTrainHarness.SecretName));
            Assert.That(failure.Message, Does.Not.Contain(MobieTrainHarness.ApiKey));
            Assert.That(context.Simulator.Requests.Writes, Is.EqualTo(1), "403 is not retried");
            Assert.That(context.Contents(MobieTrainHarness.OtherAccount).UserGroups, Is.Empty);
        }
    }

    [Test]
    public async Task RotatedKey_IsReadAgainAfterA401_AndTheRequestTriedOnceMore()
    {
        var store = new CachingSecretStore();
        await using var context = await MobieTrainHarness.StartAsync(
            new Dictionary<string, string?> { [$"Secrets:Values:{MobieTrainHarness.SecretName}"] = "new-key" },
            services => services.AddSingleton<ISecretStore>(sp => store.Over(sp.GetRequiredService<ConfigurationSecretStore>())));
        context.Simulator.AddApiKey("new-key", MobieTrainHarness.Account);
        context.Simulator.RemoveApiKey(MobieTrainHarness.ApiKey);
        store.Cache(MobieTrainHarness.SecretName, MobieTrainHarness.ApiKey);

        var users = await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(users, Is.Empty);
            Assert.That(context.Served("GET", "/users").Select(r => r.Status), Is.EqualTo(new[] { 401, 200 }));
            Assert.That(store.Invalidated, Is.EqualTo(new[] { MobieTrainHarness.SecretName }));
            Assert.That(context.Logs.GetSnapshot().Select(l => l.Id.Id), Does.Contain(1401));
        }
    }

    [Test]
    public async Task RotatedKeyThatIsRefusedToo_FailsAfterOneMoreTry()
    {
        var store = new CachingSecretStore();
        await using var context = await MobieTrainHarness.StartAsync(
            new Dictionary<string, string?> { [$"Secrets:Values:{MobieTrainHarness.SecretName}"] = "also-wrong" },
            services => services.AddSingleton<ISecretStore>(sp => store.Over(sp.GetRequiredService<ConfigurationSecretStore>())));
        context.Simulator.RemoveApiKey(MobieTrainHarness.ApiKey);
        store.Cache(MobieTrainHarness.SecretName, MobieTrainHarness.ApiKey);

        var failure = Assert.ThrowsAsync<SyncRunException>(() => context.Client.DeleteUserAsync(MobieTrainHarness.Target(), "u-1", CancellationToken.None));

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
        Assert.That(failure.Message, Does.Not.Contain("also-wrong").And.Not.Contain(MobieTrainHarness.ApiKey));
        Assert.That(context.Served("DELETE", "/users/u-1").Select(r => r.Status), Is.EqualTo(new[] { 401, 401 }));
    }

    [Test]
    public async Task MissingSecret_IsReportedAsSuch()
    {
        await using var context = await MobieTrainHarness.StartAsync();

        var failure = Assert.ThrowsAsync<SecretNotFoundException>(async () => await context.Client
            .GetUsersAsync(MobieTrainHarness.Target() with { ApiKeySecretName = "mobietrain-api-key-missing" }, CancellationToken.None).ToListAsync());

        Assert.That(failure!.SecretName, Is.EqualTo("mobietrain-api-key-missing"));
        Assert.That(context.Simulator.Requests.Reads, Is.Zero);
    }

    [Test]
    public async Task AccountThatDoesNotExist_FailsTheRunAsConfiguration_NotEachRecord()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddApiKey(MobieTrainHarness.ApiKey, MobieTrainHarness.Account, "ghost");
        var target = MobieTrainHarness.Target(account: "ghost");

        var create = Assert.ThrowsAsync<SyncRunException>(() => context.Client.CreateInvitationAsync(target,
            new Core.Partners.MobieTrain.NewInvitation("7", "A", "B", "a@example.com", null, "en", []), CancellationToken.None));
        var list = Assert.ThrowsAsync<SyncRunException>(async () => await context.Client.GetUserGroupsAsync(target, CancellationToken.None).ToListAsync());

        Assert.That(create!.Kind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(list!.Kind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(create.Message, Does.Contain("ghost").And.Contain("MobieTrainAccountId"));
    }

    [Test]
    public async Task NoKey_ReachesALogLine_EvenAtTraceLevel()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new Sandbox.Simulators.SimulatorFault { Method = "POST", Path = "/user-groups", Status = 503 }]);
        var target = MobieTrainHarness.Target();

        await context.Client.GetUsersAsync(target, CancellationToken.None).ToListAsync();
        await context.Client.CreateUserGroupAsync(target, "G", "staffcloud-event-1", CancellationToken.None);
        Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(target with { AccountId = MobieTrainHarness.OtherAccount }, CancellationToken.None).ToListAsync());

        var records = context.Logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty);
        Assert.That(records.Select(r => r.Message), Has.None.Contains(MobieTrainHarness.ApiKey));
        Assert.That(records.SelectMany(r => r.StructuredState ?? []).Select(p => p.Value ?? string.Empty), Has.None.Contains(MobieTrainHarness.ApiKey));
    }

    /// <summary>A store with a cache like Key Vault's: serves a cached (possibly stale) value until invalidated.</summary>
    private sealed class CachingSecretStore : ISecretStore
    {
        private readonly Dictionary<string, string> _cache = new(StringComparer.OrdinalIgnoreCase);
        private ISecretStore? _inner;

        public List<string> Invalidated { get; } = [];

        public CachingSecretStore Over(ISecretStore inner)
        {
            _inner = inner;
            return this;
        }

        public void Cache(string name, string value) => _cache[name] = value;

        public async Task<string> GetSecretAsync(string name, CancellationToken cancellationToken) =>
            _cache.TryGetValue(name, out var value) ? value : _cache[name] = await _inner!.GetSecretAsync(name, cancellationToken);

        public void Invalidate(string name)
        {
            Invalidated.Add(name);
            _cache.Remove(name);
        }
    }
}
