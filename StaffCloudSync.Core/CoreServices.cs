using Microsoft.Extensions.Azure;
using StaffCloudSync.Core.Operations;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Runs.Marker;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Scheduling;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Scheduling.Notifications.Registration;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core;

/// <summary>Core's one registration file (the composition root may know every room).</summary>
public static class CoreServices
{
    /// <summary>The Functions app and the operator CLI run the same services with the same settings.</summary>
    public static IServiceCollection AddStaffCloudSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTableStorage(configuration).AddSecretStore(configuration)
            .AddStaffCloudClient(configuration).AddMobieTrainClient(configuration).AddSyncEngine(configuration)
            .AddDispatch(configuration);

        services.AddValidatedOptions<NotificationOptions, NotificationOptionsValidator>(configuration, NotificationOptions.SectionName);
        services.TryAddSingleton<EarlyRunSchedule>();
        services.TryAddSingleton<EarlyRuns>();
        // The early runs are told of every queued run's start or skip.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueuedRunObserver, EarlyRuns>(provider => provider.GetRequiredService<EarlyRuns>()));
        services.TryAddSingleton<NotificationReceiver>();

        services.TryAddSingleton<TenantOperations>();
        services.TryAddSingleton<HealthCheck>();
        services.TryAddSingleton<TenantCheck>();
        services.TryAddSingleton<AccountClaims>();
        return services;
    }

    /// <summary>A second call adds nothing, so a host that tunes the clients first (<c>ConfigureDefaults</c>) keeps its tuning.</summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(StorageTables)))
            return services;

        services.AddOptions<StorageOptions>().Configure(options => options.ReadFrom(configuration)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.RejectRemovedSettings(configuration, StorageOptions.SectionName, StorageOptions.RemovedSettings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAzureClients(clients =>
        {
            // The AzureWebJobsStorage__credential/__clientId pair, as the Functions host reads it; unused with a connection string.
            clients.UseCredential(provider => Storage(provider).CreateCredential());
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) =>
                Storage(provider) is { UsesConnectionString: true } s
                    ? new(s.ConnectionString, options) : new(new Uri(Storage(provider).TableServiceUri!), credential, options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, provider) =>
                Storage(provider) is { UsesConnectionString: true } s
                    ? new(s.ConnectionString, options) : new(new Uri(Storage(provider).QueueServiceUri!), credential, options))
            // What the Functions queue trigger expects: a plain-text message would land in the poison queue.
            .ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) =>
                Storage(provider) is { UsesConnectionString: true } s
                    ? new(s.ConnectionString, options) : new(new Uri(Storage(provider).BlobServiceUri!), credential, options));
        });

        // Microsoft.Extensions.Azure forwards the SDK's events to ILogger (a Warning for every expected 404 and 409).
        services.AddLogging(logging => logging.AddFilter("Azure.", LogLevel.None));
        services.TryAddSingleton<StorageTables>();
        services.TryAddSingleton<TenantStore>();
        services.TryAddSingleton<DeletionApprovals>();
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<RunResults>();
        return services;
    }

    /// <summary><see cref="ISecretStore"/> as chosen by <c>Secrets:Provider</c> (Key Vault by default).</summary>
    public static IServiceCollection AddSecretStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SecretsOptions, SecretsOptionsValidator>(configuration, SecretsOptions.SectionName);
        services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection(KeyVaultOptions.SectionName)).ValidateOnStart();
        // A factory only to hand the validator the raw provider setting (KeyVaultOptionsValidator says why).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>(
            _ => new KeyVaultOptionsValidator(() => configuration[$"{SecretsOptions.SectionName}:{nameof(SecretsOptions.Provider)}"])));
        services.RejectRemovedSettings(configuration, KeyVaultOptions.SectionName, KeyVaultOptions.RemovedSettings);

        // Built only when the Key Vault store is resolved, so the configuration provider needs no vault or identity.
        services.AddAzureClients(clients => clients
            .AddClient<SecretClient, SecretClientOptions>((options, credential, provider) => new(KeyVault(provider).VaultUri!, credential, options))
            .WithCredential(provider => AzureCredentials.Create(KeyVault(provider).Credential, KeyVault(provider).ManagedIdentityClientId))
            .ConfigureOptions(ConfigureSecretClient));
        services.AddHybridCache();
        services.AddLogging(logging => logging.AddFilter("Azure.", LogLevel.None)); // as AddTableStorage
        services.TryAddSingleton<KeyVaultSecretStore>();
        services.TryAddSingleton<ConfigurationSecretStore>();
        services.TryAddSingleton<ISecretStore>(provider =>
        {
            // Reading .Value runs the validators, so an unknown provider fails here too, with the same message.
            _ = provider.GetRequiredService<IOptions<SecretsOptions>>().Value.TryGetProvider(out var kind);
            return kind == SecretProvider.Configuration
                ? provider.GetRequiredService<ConfigurationSecretStore>()
                : provider.GetRequiredService<KeyVaultSecretStore>();
        });
        return services;
    }

    /// <summary>Azure.Core's defaults (up to a minute between tries, 100 s per try) would hold a run for minutes on an unreachable
    /// vault; a read the next run repeats anyway needs only three quick retries. The body of a secret read is the secret: never logged.</summary>
    internal static void ConfigureSecretClient(SecretClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Diagnostics.IsLoggingContentEnabled = false;
    }

    /// <summary>Redirects never followed; the token's re-read outermost, then the rate-limit gate, the shared retries inside.</summary>
    public static IServiceCollection AddStaffCloudClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StaffCloudOptions, StaffCloudOptionsValidator>(configuration, StaffCloudOptions.SectionName,
            StaffCloudOptions.RemovedSettings);
        services.TryAddSingleton(BackoffClock.System);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StaffCloudRateLimitGate>();
        services.TryAddTransient<StaffCloudRateLimitHandler>();

        services.AddHttpClient<IStaffCloudClient, StaffCloudClient>().AsStaffCloud()
            .AddHttpMessageHandler<StaffCloudRateLimitHandler>().AddStaffCloudResilience();
        return services;
    }

    // Polly's total and per-attempt timeouts rule: HttpClient's own 100 s would cut across them. The factory's Trace lines carry
    // header values in their state, unredacted: the Bearer token would land in a log sink.
    private static IHttpClientBuilder AsStaffCloud(this IHttpClientBuilder builder) =>
        builder.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(StaffCloudClient.PrimaryHandler).RemoveAllLoggers()
            .AddBearerSecret(StaffCloudErrorBody.IsTokenRefusedAsync);

    private static IHttpClientBuilder AddStaffCloudResilience(this IHttpClientBuilder builder) =>
        builder.AddSyncResilience(provider => provider.GetRequiredService<IOptions<StaffCloudOptions>>().Value.Resilience);

    public static IServiceCollection AddMobieTrainClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MobieTrainOptions, MobieTrainOptionsValidator>(configuration, MobieTrainOptions.SectionName,
            MobieTrainOptions.RemovedSettings);
        services.TryAddSingleton(BackoffClock.System);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MobieTrainPacer>();

        services.AddHttpClient<IMobieTrainClient, MobieTrainClient>(MobieTrainClient.HttpClientName, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<MobieTrainOptions>>().Value;
                client.BaseAddress = options.GetBaseUri();
                client.MaxResponseContentBufferSize = options.MaxResponseBytes;
                // The resilience handlers own every timeout; HttpClient's own 100 s would cut short an honoured Retry-After.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's loggers put every header, the API key unredacted, into the log state at Trace level (as above).
            .RemoveAllLoggers()
            .AddBearerSecret(MobieTrainRequests.IsKeyRefusedAsync)
            .AddSyncResilience(
                provider => provider.GetRequiredService<IOptions<MobieTrainOptions>>().Value.Resilience,
                provider => new MobieTrainPacingHandler(
                    provider.GetRequiredService<MobieTrainPacer>(),
                    () => provider.GetRequiredService<IOptions<MobieTrainOptions>>().Value.RequestsPerSecond));
        return services;
    }

    /// <summary>The run's services, and the quarantine's options (a run records failures against its rule).</summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SyncOptions, SyncOptionsValidator>(configuration, SyncOptions.SectionName, SyncOptions.RemovedSettings);
        services.AddOptions<QuarantineOptions>();
        services.RejectRemovedSettings(configuration, QuarantineOptions.SectionName, QuarantineOptions.RemovedSettings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnapshotReader>();
        services.TryAddSingleton<PlanApplier>();
        services.TryAddSingleton<AccountMarkers>();
        return services;
    }

    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DispatchOptions, DispatchOptionsValidator>(configuration, DispatchOptions.SectionName);
        services.TryAddSingleton<ISyncQueue, StorageSyncQueue>();
        services.TryAddSingleton<ITenantLeases, TableTenantLeases>();
        services.TryAddSingleton<TenantLeaseKeeper>();
        services.TryAddSingleton<TenantDispatcher>();
        services.TryAddSingleton<TenantRunner>();
        services.TryAddSingleton<PoisonHandler>();
        return services;
    }

    /// <summary>For the operator CLI only: the Functions app never registers it, so no function can write to StaffCloud. Set up
    /// as the read client; a POST or PUT without an idempotency key is not retried, and registering again is safe.</summary>
    public static IServiceCollection AddStaffCloudWebhookRegistration(this IServiceCollection services)
    {
        services.AddHttpClient<StaffCloudWebhookClient>().AsStaffCloud().AddStaffCloudResilience();
        services.TryAddSingleton<WebhookRegistration>();
        return services;
    }

    private static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration,
        string section, IReadOnlyList<RemovedSetting>? removed = null) where TOptions : class where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return removed is null ? services : services.RejectRemovedSettings(configuration, section, removed);
    }

    private static StorageOptions Storage(IServiceProvider provider) => provider.GetRequiredService<IOptions<StorageOptions>>().Value;

    private static KeyVaultOptions KeyVault(IServiceProvider provider) => provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
}
