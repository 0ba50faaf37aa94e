using StaffCloudSync.Core.Http;
using StaffCloudSync.Core.StaffCloud.Http;

namespace StaffCloudSync.Core.Notifications.Registration;

public static class WebhookRegistrationServiceCollectionExtensions
{
    /// <summary>
    /// The webhook client and its registration, for the operator CLI only: the Functions app never registers them, so no
    /// function can write to StaffCloud. The HTTP client is set up as the read client is (no redirects, no factory
    /// logging, the shared retries); a POST or PUT without an idempotency key is not retried, and registering again is safe.
    /// Needs <c>AddStaffCloudClient</c> (its options) and <c>AddSecretStore</c>.
    /// </summary>
    public static IServiceCollection AddStaffCloudWebhookRegistration(this IServiceCollection services)
    {
        services.AddHttpClient<StaffCloudWebhookClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(StaffCloudServiceCollectionExtensions.PrimaryHandler)
            .RemoveAllLoggers()
            .AddBearerSecret(StaffCloudErrorBody.IsTokenRefusedAsync)
            .AddSyncResilience(provider => provider.GetRequiredService<IOptions<StaffCloudOptions>>().Value.Resilience);
        services.TryAddSingleton<WebhookRegistration>();
        return services;
    }
}
