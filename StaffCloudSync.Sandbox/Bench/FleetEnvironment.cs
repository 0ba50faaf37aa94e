using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Sandbox.Bench;

public sealed record FleetTenant(TenantSettings Settings, int Staff);

/// <summary>The whole fleet on one machine: both simulators, the rows on Azurite, and one service provider per Functions
/// instance (its own connections, pacer and secret cache), counting storage transactions and Key Vault reads.</summary>
public sealed class FleetEnvironment(StaffCloudSimulator staffCloud, MobieTrainSimulator mobieTrain, List<ServiceProvider> instances,
    StorageTransactionCounter storage, CountingVault vault, Dictionary<string, string?> tables) : IAsyncDisposable
{
    private const string MobieTrainKey = "mt-fleet-key";

    public StaffCloudSimulator StaffCloud { get; } = staffCloud;
    public MobieTrainSimulator MobieTrain { get; } = mobieTrain;
    public IReadOnlyList<ServiceProvider> Instances { get; } = instances;
    public StorageTransactionCounter Storage { get; } = storage;
    public CountingVault Vault { get; } = vault;

    public static async Task<FleetEnvironment> StartAsync(
        string storageConnectionString, int instances, IEnumerable<(TenantSettings Settings, BenchTenant Data)> tenants, ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var clock = new ScenarioClock(BenchTenant.SyncAt);
        var (staffCloud, mobieTrain, values) = await SandboxEnvironment.StartSimulatorsAsync(storageConnectionString, clock, cancellationToken);
        mobieTrain.RateLimitPerSecond = FleetOptions.MobieTrainLimitPerSecond;
        var tables = ScenarioRunner.TableNames();

        // As the sandbox does for a limited simulator: paced just under the partner's limit.
        values["MobieTrain:RequestsPerSecond"] = (FleetOptions.MobieTrainLimitPerSecond * 0.96).ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in tables.Concat(options.Settings ?? new Dictionary<string, string?>()))
            values[key] = value;

        var vault = new CountingVault();
        vault.Set(TenantSettings.DefaultMobieTrainApiKeySecret, MobieTrainKey);
        var accounts = new List<string>();
        var seeded = new List<TenantSettings>();
        foreach (var (settings, data) in tenants)
        {
            var token = "eyJmbGVldA" + settings.TenantId;
            var staffCloudTenant = staffCloud.AddTenant(settings.StaffCloudApiTenant, token);
            vault.Set(settings.EffectiveStaffCloudTokenSecret, token);
            var scenario = data.Scenario();
            foreach (var (resource, records) in scenario.StaffCloud.ByResource())
                staffCloudTenant.Seed(resource, records);

            mobieTrain.Seed(settings.MobieTrainAccountId, scenario.MobieTrain);

            // Claimed long ago, as every tenant of a running fleet is: its people are the sync's own.
            mobieTrain.SeedUserGroup(settings.MobieTrainAccountId, ScenarioRunner.Marker(settings.TenantId));
            accounts.Add(settings.MobieTrainAccountId);
            seeded.Add(settings);
        }

        // One integration key reaching every account, as production shares the default secret.
        mobieTrain.AddApiKey(MobieTrainKey, accounts);
        // The emulator's ports tell the services' transactions apart.
        var storage = new StorageTransactionCounter(
            new TableServiceClient(storageConnectionString).Uri.Port, new QueueServiceClient(storageConnectionString).Uri.Port);
        var providers = Enumerable.Range(0, instances).Select(_ => SandboxEnvironment.BuildServices(values, clock, services =>
        {
            options.ConfigureServices?.Invoke(services);
            services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(storage, Azure.Core.HttpPipelinePosition.PerRetry)));

            // The store production runs (Key Vault, its cache), over the counting vault: configuration has no cache to measure.
            var client = vault.Client();
            services.Replace(ServiceDescriptor.Singleton<ISecretStore>(provider => new KeyVaultSecretStore(client, provider.GetRequiredService<HybridCache>(),
                Options.Create(new KeyVaultOptions()), provider.GetRequiredService<ILogger<KeyVaultSecretStore>>())));
        })).ToList();
        var store = providers[0].GetRequiredService<TenantStore>();
        foreach (var settings in seeded)
            await store.AddAsync(settings, cancellationToken);

        return new FleetEnvironment(staffCloud, mobieTrain, providers, storage, vault, tables);
    }

    public async ValueTask DisposeAsync()
    {
        await ScenarioRunner.DropTablesAsync(Instances[0], tables);
        foreach (var instance in Instances)
            await instance.DisposeAsync();

        await StaffCloud.DisposeAsync();
        await MobieTrain.DisposeAsync();
    }
}
