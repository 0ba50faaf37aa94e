using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Leases;

namespace StaffCloudSync.Core.Scheduling;

public static class DispatchServiceCollectionExtensions
{
    /// <summary>
    /// The queue (on the <c>AzureWebJobsStorage</c> account; its client, with base64 messages, comes from
    /// <c>AddTableStorage</c>), the tenant leases, the dispatcher, the queue and poison handlers. Needs <c>AddTableStorage</c>
    /// and <c>AddSyncEngine</c>.
    /// </summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>());
        services.TryAddSingleton<ISyncQueue, StorageSyncQueue>();
        services.TryAddSingleton<ITenantLeases, TableTenantLeases>();
        services.TryAddSingleton<TenantLeaseKeeper>();
        services.TryAddSingleton<TenantDispatcher>();
        services.TryAddSingleton<TenantRunner>();
        services.TryAddSingleton<PoisonHandler>();
        return services;
    }
}
