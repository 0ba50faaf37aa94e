using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

public static class StaffCloudServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStaffCloudClient"/> as a typed HttpClient: options <c>StaffCloud</c> checked at start-up,
    /// redirects never followed, no HttpClient timeout, no factory request logging (the resilience handlers time requests), the token's
    /// re-read outermost, then the rate-limit gate, and the shared retries and timeouts inside. The host registers logging and an <c>ISecretStore</c>
    /// (<c>AddSecretStore</c>); <see cref="BackoffClock.System"/> and <see cref="TimeProvider.System"/> are added unless
    /// already registered.
    /// </summary>
    public static IServiceCollection AddStaffCloudClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffCloudOptions>()
            .Bind(configuration.GetSection(StaffCloudOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaffCloudOptions>, StaffCloudOptionsValidator>());
        services.RejectRemovedSettings(configuration, StaffCloudOptions.SectionName, StaffCloudOptions.RemovedSettings);
        services.TryAddSingleton(BackoffClock.System);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StaffCloudRateLimitGate>();
        services.TryAddTransient<StaffCloudRateLimitHandler>();

        services.AddHttpClient<IStaffCloudClient, StaffCloudClient>(http =>
            {
                // Polly's total and per-attempt timeouts rule; HttpClient's own 100 s would cut across them.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(PrimaryHandler)
            // The factory's own request logging is off: its Trace lines carry header values in their structured state,
            // where "Authorization: *" redaction does not reach, so the Bearer token would land in a log sink. The
            // client logs its requests itself (tenant, resource, ids count) and RetryLog logs retries.
            .RemoveAllLoggers()
            .AddBearerSecret(StaffCloudErrorBody.IsTokenRefusedAsync)
            .AddHttpMessageHandler<StaffCloudRateLimitHandler>()
            .AddSyncResilience(services => services.GetRequiredService<IOptions<StaffCloudOptions>>().Value.Resilience);
        return services;
    }

    /// <summary>The connection handler of every StaffCloud client (the reads and the webhook registration).</summary>
    public static HttpMessageHandler PrimaryHandler() => new SocketsHttpHandler
    {
        // A redirect could carry the Bearer token's request to another host; it is an error, never followed.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
