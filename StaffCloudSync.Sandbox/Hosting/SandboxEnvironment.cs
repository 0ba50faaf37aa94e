using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>The whole app on one machine: both simulators on loopback and the very services the Functions app runs.</summary>
public sealed class SandboxEnvironment(StaffCloudSimulator staffCloud, MobieTrainSimulator mobieTrain, ServiceProvider services, ScenarioClock clock)
    : IAsyncDisposable
{
    public StaffCloudSimulator StaffCloud { get; } = staffCloud;
    public MobieTrainSimulator MobieTrain { get; } = mobieTrain;
    public ServiceProvider Services { get; } = services;
    public ScenarioClock Clock { get; } = clock;

    public static async Task<SandboxEnvironment> StartAsync(
        string storageConnectionString,
        ScenarioClock clock,
        IReadOnlyCollection<SandboxTenant> tenants,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var (staffCloud, mobieTrain, values) = await StartSimulatorsAsync(storageConnectionString, clock, cancellationToken);
        foreach (var tenant in tenants)
            Register(tenant, staffCloud, mobieTrain, values);

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;

        var provider = BuildServices(values, clock, configureServices);
        var store = provider.GetRequiredService<TenantStore>();
        foreach (var tenant in tenants)
            await UpsertTenantAsync(store, tenant.Settings, cancellationToken);

        return new SandboxEnvironment(staffCloud, mobieTrain, provider, clock);
    }

    internal static async Task<(StaffCloudSimulator, MobieTrainSimulator, Dictionary<string, string?>)> StartSimulatorsAsync(
        string storageConnectionString, ScenarioClock clock, CancellationToken cancellationToken)
    {
        var staffCloud = new StaffCloudSimulator(clock);
        var mobieTrain = new MobieTrainSimulator(clock);
        await staffCloud.StartAsync(cancellationToken);
        await mobieTrain.StartAsync(cancellationToken);
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Secrets:Provider"] = "Configuration",
            ["StaffCloud:AllowBaseAddressOverride"] = "true",
            ["StaffCloud:BaseAddressOverride"] = staffCloud.BaseAddressTemplate,
            ["MobieTrain:BaseUrl"] = mobieTrain.BaseAddress.ToString(),

            // The simulator has no rate limit unless a scenario sets one (then the runner paces to it).
            ["MobieTrain:RequestsPerSecond"] = "0",
        };
        return (staffCloud, mobieTrain, values);
    }

    internal static ServiceProvider BuildServices(Dictionary<string, string?> settings, TimeProvider clock, Action<IServiceCollection>? configureServices)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddStaffCloudSync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await StaffCloud.DisposeAsync();
        await MobieTrain.DisposeAsync();
    }

    private static void Register(SandboxTenant tenant, StaffCloudSimulator staffCloud, MobieTrainSimulator mobieTrain, Dictionary<string, string?> values)
    {
        var settings = tenant.Settings;
        staffCloud.AddTenant(settings.StaffCloudApiTenant, tenant.StaffCloudToken);
        mobieTrain.AddAccount(settings.MobieTrainAccountId);
        values[$"Secrets:Values:{settings.EffectiveStaffCloudTokenSecret}"] = tenant.StaffCloudToken;
        values[$"Secrets:Values:{settings.EffectiveWebhookSecret}"] = tenant.WebhookSecret;

        // Tenants sharing the integration's one key (the default secret name) share one key reaching all their accounts.
        var keySecret = $"Secrets:Values:{settings.MobieTrainApiKeySecret}";
        var key = values.TryGetValue(keySecret, out var existing) && existing is not null ? existing : tenant.MobieTrainApiKey;
        values[keySecret] = key;
        var accounts = values.TryGetValue($"sandbox:key-accounts:{key}", out var listed) && listed is not null ? listed.Split(',').ToList() : [];
        accounts.Add(settings.MobieTrainAccountId);
        values[$"sandbox:key-accounts:{key}"] = string.Join(',', accounts);
        mobieTrain.AddApiKey(key, accounts);
    }

    private static async Task UpsertTenantAsync(TenantStore store, TenantSettings settings, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(settings.TenantId, cancellationToken) is null)
            await store.AddAsync(settings, cancellationToken);
        else
            await store.UpdateAsync(settings, Azure.ETag.All, cancellationToken);
    }
}

public sealed record SandboxTenant(TenantSettings Settings)
{
    /// <summary>A StaffCloud token (a JWT-looking value: StaffCloud answers 400 to one that does not start with eyJ).</summary>
    public string StaffCloudToken { get; init; } = "eyJzYW5kYm94" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    public string MobieTrainApiKey { get; init; } = "mt-sandbox-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    public string WebhookSecret { get; init; } = "hook-sandbox-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
}

/// <summary>The scenario's clock (scenario-format.md): "now" stands still at a step's value; timers and waits take real time.</summary>
public sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
}

/// <summary>The sandbox's <c>tenant-sync</c> queue: a delayed message comes due by the scenario's time, not the machine's.</summary>
public sealed class ScenarioSyncQueue(TimeProvider clock) : ISyncQueue
{
    private readonly Lock gate = new();
    private readonly List<QueuedRun> queued = [];
    private long sequence;

    public IReadOnlyList<QueuedRun> Pending
    {
        get
        {
            lock (gate)
                return [.. queued.OrderBy(q => q.VisibleAt).ThenBy(q => q.Sequence)];
        }
    }

    public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

    public Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        message = message.WithTraceContext();
        cancellationToken.ThrowIfCancellationRequested();
        var visibleAt = clock.GetUtcNow() + (visibilityDelay > TimeSpan.Zero ? visibilityDelay : TimeSpan.Zero);
        lock (gate)
            queued.Add(new QueuedRun(message, visibleAt, sequence++));

        return Task.CompletedTask;
    }

    public QueuedRun? TakeNextDue(DateTimeOffset until)
    {
        lock (gate)
        {
            var next = queued.Where(q => q.VisibleAt <= until).OrderBy(q => q.VisibleAt).ThenBy(q => q.Sequence).FirstOrDefault();
            if (next is not null)
                queued.Remove(next);

            return next;
        }
    }
}

public sealed record QueuedRun(SyncRequest Message, DateTimeOffset VisibleAt, long Sequence);
