using Azure;
using Azure.Data.Tables;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Storage;

/// <summary>One tenant, one account (sync-rules.md, "Safety"), as the store enforces it on add and update.</summary>
public sealed class TenantClaimsStoreTests
{
    private StorageHarness context = null!;

    private TenantStore Store => context.Tenants;

    [SetUp]
    public async Task StartStorage()
    {
        context = await StorageHarness.CreateAsync();
        await Store.AddAsync(Tenant("acme") with { StaffCloudTokenSecret = "staffcloud-token-shared" }, CancellationToken.None);
    }

    [TearDown]
    public async Task DropTables() => await context.DisposeAsync();

    [TestCase("acme", "other", null, "StaffCloudApiTenant", "StaffCloud tenant")]
    [TestCase("zeta", "ACME", null, "MobieTrainAccountId", "MobieTrain account")]
    [TestCase("zeta", "other", "StaffCloud-Token-Shared", "StaffCloudTokenSecret", "StaffCloud token secret")]
    public void Add_RefusesAnAccountAnotherRowClaims_NamingIt(string staffCloud, string mobieTrain, string? secret, string field, string what)
    {
        var second = new TenantSettings { TenantId = "second", StaffCloudApiTenant = staffCloud, MobieTrainAccountId = mobieTrain, StaffCloudTokenSecret = secret };

        var ex = Assert.ThrowsAsync<TenantValidationException>(() => Store.AddAsync(second, CancellationToken.None));

        Assert.That(ex!.Errors.Select(e => e.Field), Is.EqualTo(new[] { field }));
        Assert.That(ex.Errors.Single().Message, Does.Contain($"{what} of tenant 'acme'").And.Contain("rows 'second' and 'acme'"));
    }

    [Test]
    public async Task CustomSecretEqualToAnotherTenantsDefault_IsASharedSecret()
    {
        await Store.AddAsync(Tenant("beta"), CancellationToken.None);

        var ex = Assert.ThrowsAsync<TenantValidationException>(() => Store.AddAsync(Tenant("gamma") with { StaffCloudTokenSecret = "staffcloud-token-beta" }, CancellationToken.None));

        Assert.That(ex!.Errors.Single().Message, Does.Contain("StaffCloud token secret of tenant 'beta'"));
        Assert.That(await Store.GetAsync("gamma", CancellationToken.None), Is.Null, "nothing was written");
    }

    [Test]
    public async Task ConcurrentAddsOnOneAccount_LetExactlyOneThrough()
    {
        for (var round = 0; round < 8; round++)
        {
            var adds = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
            {
                try
                {
                    await Store.AddAsync(Tenant($"r{round}-{i}") with { MobieTrainAccountId = $"shared-{round}" }, CancellationToken.None);
                    return true;
                }
                catch (TenantValidationException)
                {
                    return false;
                }
            })).ToList();
            var won = await Task.WhenAll(adds);

            var rows = await Store.ListAsync(CancellationToken.None).Where(r => r.Settings?.MobieTrainAccountId == $"shared-{round}").ToListAsync();
            Assert.That(won.Count(w => w), Is.EqualTo(1), $"round {round}");
            Assert.That(rows, Has.Count.EqualTo(1), $"round {round}");
        }
    }

    [Test]
    public async Task Update_RefusesAChangeOntoAnotherRowsAccount_AndLetsOtherChangesOfASharedRowThrough()
    {
        await Store.AddAsync(Tenant("beta"), CancellationToken.None);
        var beta = (await Store.GetAsync("beta", CancellationToken.None))!;

        var ex = Assert.ThrowsAsync<TenantValidationException>(() => Store.UpdateAsync(beta.Settings! with { MobieTrainAccountId = "acme" }, beta.ETag, CancellationToken.None));
        Assert.That(ex!.Errors.Single().Message, Does.Contain("MobieTrain account of tenant 'acme'"));

        // A row written by hand onto acme's account can still be disabled (the conflict was there before).
        var table = await context.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new TableEntity("tenant", "copy") { ["StaffCloudApiTenant"] = "copy", ["MobieTrainAccountId"] = "acme" });
        var copy = (await Store.GetAsync("copy", CancellationToken.None))!;
        await Store.UpdateAsync(copy.Settings! with { Enabled = false }, copy.ETag, CancellationToken.None);
        Assert.That((await Store.GetAsync("copy", CancellationToken.None))!.Settings!.Enabled, Is.False);
    }

    [Test]
    public async Task RegistryRow_IsNoTenant()
    {
        await Store.AddAsync(Tenant("beta"), CancellationToken.None);

        var ids = await Store.ListAsync(CancellationToken.None).Select(r => r.TenantId).ToListAsync();

        Assert.That(ids, Is.EqualTo(new[] { "acme", "beta" }));
        Assert.That(await Store.GetAsync("_registry", CancellationToken.None), Is.Null);
    }

    [Test]
    public void TenantClaims_ComparesRowsPairwise_AndIgnoresTheRowItself()
    {
        var rows = new[]
        {
            new TenantRecord("acme", Tenant("acme"), [], null, ETag.All),
            new TenantRecord("beta", Tenant("beta") with { MobieTrainAccountId = "acme", StaffCloudApiTenant = "acme" }, [], null, ETag.All),
        };

        var conflicts = TenantClaims.Conflicts(Tenant("acme"), rows);

        Assert.That(conflicts.Select(c => c.Field), Is.EqualTo(new[] { "StaffCloudApiTenant", "MobieTrainAccountId" }));
        Assert.That(conflicts, Has.All.Matches<TenantSettingError>(c => c.TenantId == "acme" && c.Message.Contains("tenant 'beta'", StringComparison.Ordinal)));
        Assert.That(TenantClaims.Conflicts(Tenant("gamma"), rows), Is.Empty);
    }

    private static TenantSettings Tenant(string id) => new() { TenantId = id, StaffCloudApiTenant = id, MobieTrainAccountId = id };
}
