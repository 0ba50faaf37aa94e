using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

public static class MobieTrainServiceCollectionExtensions
{
    public const string HttpClientName = "MobieTrain";

    /// <summary>
    /// Registers <see cref="IMobieTrainClient"/> as a typed HTTP client with the shared resilience (retries, timeouts),
    /// binds and validates <c>MobieTrain</c> at start-up, and adds the system clocks unless others are registered.
    /// The host registers an <see cref="Secrets.ISecretStore"/> (<c>AddSecretStore</c>) and logging.
    /// </summary>
    public static IServiceCollection AddMobieTrainClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MobieTrainOptions>()
            .Bind(configuration.GetSection(MobieTrainOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MobieTrainOptions>, MobieTrainOptionsValidator>());
        services.RejectRemovedSettings(configuration, MobieTrainOptions.SectionName, MobieTrainOptions.RemovedSettings);

        services.TryAddSingleton(BackoffClock.System);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MobieTrainPacer>();

        services.AddHttpClient<IMobieTrainClient, MobieTrainClient>(HttpClientName, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<MobieTrainOptions>>().Value;
                client.BaseAddress = options.GetBaseUri();
                client.MaxResponseContentBufferSize = options.MaxResponseBytes;

                // The resilience handlers own every timeout (per attempt and in total); HttpClient's own 100 s would
                // cut a run short in the middle of an honoured Retry-After.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })

            // IHttpClientFactory's own loggers put every request header into the log state at Trace level — the API key
            // included, unredacted even with RedactLoggedHeaders (which redacts only the formatted message), so a
            // structured sink would store it. Our own events (1400–1406) and the retry log (1200) say what is needed.
            .RemoveAllLoggers()
            .AddBearerSecret(MobieTrainRequests.IsKeyRefusedAsync)
            .AddSyncResilience(
                provider => provider.GetRequiredService<IOptions<MobieTrainOptions>>().Value.Resilience,
                provider => new MobieTrainPacingHandler(
                    provider.GetRequiredService<MobieTrainPacer>(),
                    () => provider.GetRequiredService<IOptions<MobieTrainOptions>>().Value.RequestsPerSecond));
        return services;
    }
}
