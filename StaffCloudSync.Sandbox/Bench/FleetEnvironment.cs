using System.Net.Http.Headers;
using Azure.Core.Pipeline;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Caching.Hybrid;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Sandbox.Bench;

public sealed record FleetTenant(TenantSettings Settings, int Staff);

/// <summary>The whole fleet on one machine, with one service provider per Functions instance (its own connections and caches).</summary>
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
            seeded.Add(settings);
        }

        // One integration key reaching every account, as production shares the default secret.
        mobieTrain.AddApiKey(MobieTrainKey, seeded.Select(s => s.MobieTrainAccountId));
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

/// <summary>Counts the storage transactions (every try, as billed) the app's own Azure SDK clients send, by the emulator's port.</summary>
public sealed class StorageTransactionCounter(int tablePort, int queuePort) : HttpPipelinePolicy
{
    private long _tables;
    private long _queues;
    private long _blobs;

    public StorageTransactions Snapshot() => new(Interlocked.Read(ref _tables), Interlocked.Read(ref _queues), Interlocked.Read(ref _blobs));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var port = message.Request.Uri.Port;
        Interlocked.Increment(ref port == tablePort ? ref _tables : ref port == queuePort ? ref _queues : ref _blobs);
    }
}

public readonly record struct StorageTransactions(long Tables, long Queues, long Blobs)
{
    public long Total => Tables + Queues + Blobs;

    public static StorageTransactions operator -(StorageTransactions after, StorageTransactions before) =>
        new(after.Tables - before.Tables, after.Queues - before.Queues, after.Blobs - before.Blobs);
}

/// <summary>A Key Vault for the bench (no emulator: ../shared/NOTES.md) counting the GETs it would bill, read by the real client.</summary>
public sealed class CountingVault
{
    public static readonly Uri VaultUri = new("https://fleet-bench.vault.azure.net/");
    private readonly Dictionary<string, string> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private long _reads;

    public long Reads => Interlocked.Read(ref _reads);

    public void Set(string name, string value) => _secrets[name] = value;

    // One per instance, as each Functions instance has its own (and its own cache in front of it).
    public SecretClient Client()
    {
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(new VaultHandler(this))),
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 0;
        return new SecretClient(VaultUri, new StaticToken(), options);
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        // The SDK's first request goes without a token, to learn the vault's tenant from the challenge.
        if (request.Headers.Authorization is null)
        {
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer",
                "authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\""));
            return challenge;
        }

        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["secrets", var name, ..] || !_secrets.TryGetValue(name, out var value))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"error":{"code":"SecretNotFound","message":"not found"}}""", System.Text.Encoding.UTF8, "application/json"),
            };
        }

        Interlocked.Increment(ref _reads);
        var body = new JsonObject { ["value"] = value, ["id"] = $"{VaultUri}secrets/{name}/0123456789abcdef", ["attributes"] = new JsonObject { ["enabled"] = true } };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
    }

    private sealed class VaultHandler(CountingVault vault) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(vault.Answer(request));
    }

    private sealed class StaticToken : TokenCredential
    {
        // Never expires: the Azure SDK judges a token's expiry by the machine's clock, which the bench's frozen clock is not.
        private static readonly AccessToken Token = new("fleet-bench", DateTimeOffset.MaxValue);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token);
    }
}
