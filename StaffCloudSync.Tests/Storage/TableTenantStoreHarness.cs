using Azure.Data.Tables;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Storage;

/// <summary>
/// The set-up the TenantStore…Tests share: the tenant store over Azurite tables of each test's own, a tenant id
/// no other test uses, a valid row for it, and a way to write a row by hand, past the store's validation.
/// </summary>
public abstract class TableTenantStoreHarness
{
    private protected StorageHarness context = null!;

    private protected TenantStore Store => context.Tenants;

    // Tables of each test's own: rows of one test must not claim the accounts another test adds (one tenant per account).
    [SetUp]
    public async Task StartStorage() => context = await StorageHarness.CreateAsync();

    [TearDown]
    public async Task DropTables() => await context.DisposeAsync();

    private protected static string NewTenantId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    private protected static TenantSettings Valid(string tenantId) => new()
    {
        TenantId = tenantId,
        StaffCloudApiTenant = tenantId,
        MobieTrainAccountId = "acct-" + tenantId,
    };

    private protected async Task WriteRawAsync(TableEntity entity)
    {
        var table = await context.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(entity);
    }
}
