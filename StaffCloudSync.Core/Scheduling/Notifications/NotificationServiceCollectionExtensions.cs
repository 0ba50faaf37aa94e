using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Core.Scheduling.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// The notification endpoint's service, the early runs (told of every queued run's start or skip) and the
    /// <c>Notifications</c> options, checked at start-up. Needs <c>AddTableStorage</c>, <c>AddSecretStore</c> and <c>AddDispatch</c>.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton<EarlyRunSchedule>();
        services.TryAddSingleton<EarlyRuns>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueuedRunObserver, EarlyRuns>(provider => provider.GetRequiredService<EarlyRuns>()));
        services.TryAddSingleton<NotificationReceiver>();
        return services;
    }
}
