using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// What an operator's machine has: Azurite for the tables (the CLI's own, fresh per test), the two simulators standing
/// in for StaffCloud and MobieTrain with tenant <c>acme</c> known to both, and a local.settings.json-style file pointing
/// the CLI at all of it — the CLI reads nothing else (its environment is empty).
/// </summary>
internal sealed class CliOperatorHarness : IAsyncDisposable
{
    private readonly string storage;
    private readonly Dictionary<string, string> tables;

    private CliOperatorHarness(SandboxEnvironment environment, string storage, Dictionary<string, string> tables, string settingsFile, string storageOnlyFile)
    {
        Environment = environment;
        this.storage = storage;
        this.tables = tables;
        SettingsFile = settingsFile;
        StorageOnlySettingsFile = storageOnlyFile;
    }

    public SandboxEnvironment Environment { get; }

    /// <summary>Every setting the sync needs: storage, secrets in configuration, both simulators.</summary>
    public string SettingsFile { get; }

    /// <summary>Storage alone, as an operator who only manages the tenant registry has it.</summary>
    public string StorageOnlySettingsFile { get; }

    public static async Task<CliOperatorHarness> StartAsync()
    {
        var storage = await AzuriteHost.EnsureStartedAsync();
        var acme = new SandboxTenant(new TenantSettings { TenantId = "acme", StaffCloudApiTenant = "acme", MobieTrainAccountId = "acme" });

        // The environment registers acme in tables of its own; the CLI's tables start empty, so `tenants add` is the real onboarding.
        var environment = await TestSandbox.StartAsync([acme], now: CliRun.Now);
        var tables = TestSandbox.UniqueTables("__").ToDictionary(t => t.Key, t => t.Value!);
        var storageValues = new Dictionary<string, string?>(tables.ToDictionary(t => t.Key, t => (string?)t.Value)) { ["AzureWebJobsStorage"] = storage };
        var allValues = new Dictionary<string, string?>(storageValues)
        {
            ["Secrets__Provider"] = "Configuration",
            ["Secrets__Values__staffcloud-token-acme"] = acme.StaffCloudToken,
            ["Secrets__Values__mobietrain-api-key"] = acme.MobieTrainApiKey,
            ["StaffCloud__AllowBaseAddressOverride"] = "true",
            ["StaffCloud__BaseAddressOverride"] = $"{environment.StaffCloud.BaseAddress}{{tenant}}/api/v1/",
            ["MobieTrain__BaseUrl"] = environment.MobieTrain.BaseAddress.ToString(),
        };

        var name = Guid.NewGuid().ToString("N")[..10];
        return new CliOperatorHarness(environment, storage, tables, await WriteSettingsAsync(name, allValues), await WriteSettingsAsync(name + "-storage", storageValues));
    }

    /// <summary>The harness with tenant <c>acme</c> added through the CLI, as an operator onboards it.</summary>
    public static async Task<CliOperatorHarness> StartWithAcmeAsync()
    {
        var harness = await StartAsync();
        var add = await harness.RunAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme");
        Assert.That(add.ExitCode, Is.EqualTo(StaffCloudSync.Cli.ExitCodes.Success), add.ToString());
        return harness;
    }

    /// <summary>The CLI with the full settings file appended to the arguments.</summary>
    public Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(null, [.. args, "--settings", SettingsFile]);

    public Task<CliRun> RunStorageOnlyAsync(params string[] args) => CliRun.RunAsync(null, [.. args, "--settings", StorageOnlySettingsFile]);

    /// <summary>Employee <paramref name="employeeId"/>, active, confirmed on event 10, which starts in 30 days.</summary>
    public void SeedEligible(long employeeId)
    {
        var tenant = Environment.StaffCloud.Tenant("acme");
        var start = CliRun.Now.UtcDateTime.Date.AddDays(30);
        tenant.Upsert(StaffCloudResource.Events, [new JsonObject
        {
            ["id"] = 10, ["name"] = "Harbour Festival", ["status"] = 2,
            ["start"] = start.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["end"] = start.AddHours(18).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        }]);
        tenant.Upsert(StaffCloudResource.Employees, [new JsonObject
        {
            ["id"] = employeeId, ["firstname"] = "Ana", ["lastname"] = "Lopez", ["email"] = $"e{employeeId}@example.com", ["status"] = 4,
            ["communication_language"] = "de",
        }]);
        tenant.Upsert(StaffCloudResource.Assignments, [new JsonObject { ["id"] = 100 + employeeId, ["employee_id"] = employeeId, ["event_id"] = 10, ["status"] = 7 }]);
    }

    /// <summary>A tenant row written (merged) by hand into the CLI's tenants table, as an operator editing the table directly would.</summary>
    public async Task WriteTenantRowAsync(TableEntity row)
    {
        var table = new TableServiceClient(storage).GetTableClient(tables["Storage__NamePrefix"] + StorageOptions.DefaultTenantsTableName);
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge);
    }

    /// <summary>Another run's lease on the tenant, in the CLI's leases table, as a scheduled run would hold it.</summary>
    public async Task HoldLeaseAsync(string tenantId, string runId)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = storage, NamePrefix = tables["Storage__NamePrefix"] });
        var leases = new TableTenantLeases(new StorageTables(new TableServiceClient(storage), new BlobServiceClient(storage), options), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(CliRun.Now));
        var lease = await leases.TryAcquireAsync(tenantId, runId, TimeSpan.FromMinutes(30), CancellationToken.None);
        Assert.That(lease.Acquired, Is.True);
    }

    /// <summary>A finished run of the tenant that held these employees' deletions, in the CLI's runs table.</summary>
    public async Task<string> RecordHeldRunAsync(string tenantId, params long[] employeeIds)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = storage, NamePrefix = tables["Storage__NamePrefix"] });
        var runs = new Core.Runs.Records.RunStore(new StorageTables(new TableServiceClient(storage), new BlobServiceClient(storage), options));
        var runId = Guid.NewGuid().ToString("N");
        await runs.WriteAsync(new Core.Runs.Records.RunRecord
        {
            TenantId = tenantId, RunId = runId, StartedAt = CliRun.Now.AddHours(-1), EndedAt = CliRun.Now.AddHours(-1), Status = Core.Runs.Records.RunStatus.DeletionsHeld,
            HeldDeletions = [.. employeeIds.Select(id => new Core.Engine.Planning.HeldDeletion(id, Core.Engine.Planning.PersonKind.User, $"u{id}"))],
        }, CancellationToken.None);
        return runId;
    }

    public async ValueTask DisposeAsync()
    {
        var service = new TableServiceClient(storage);
        foreach (var table in tables.Values)
        {
            await service.DeleteTableAsync(table);
        }

        await Environment.DisposeAsync();
        File.Delete(SettingsFile);
        File.Delete(StorageOnlySettingsFile);
    }


    private static async Task<string> WriteSettingsAsync(string name, Dictionary<string, string?> values)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"cli-settings-{name}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
        return path;
    }
}
