using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Credentials;
using StaffCloudSync.Core.Leases;
using StaffCloudSync.Core.Storage;

namespace StaffCloudSync.Core.Dispatch;

public static class DispatchServiceCollectionExtensions
{
    /// <summary>
    /// The queue (on the <c>AzureWebJobsStorage</c> account, base64 messages), the tenant leases, the dispatcher, the
    /// queue and poison handlers. Needs <c>AddTableStorage</c> and <c>AddSyncEngine</c>.
    /// </summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration, Action<QueueClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            configureClient?.Invoke(options);
            return CreateQueueServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value, options);
        });
        services.TryAddSingleton<ISyncQueue, StorageSyncQueue>();
        services.TryAddSingleton<ITenantLeases, TableTenantLeases>();
        services.TryAddSingleton<TenantLeaseKeeper>();
        services.TryAddSingleton<TenantDispatcher>();
        services.TryAddSingleton<TenantRunner>();
        services.TryAddSingleton<PoisonHandler>();
        return services;
    }

    public static QueueServiceClient CreateQueueServiceClient(StorageOptions storage, QueueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.UsesConnectionString)
        {
            return new QueueServiceClient(storage.ConnectionString, options);
        }

        var credential = AzureCredentials.Create(AzureCredentials.Parse(storage.Credential), storage.ClientId);
        return new QueueServiceClient(new Uri(storage.QueueServiceUri!), credential, options);
    }
}
