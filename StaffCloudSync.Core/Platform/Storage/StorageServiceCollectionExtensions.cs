using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;

namespace StaffCloudSync.Core.Platform.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the app's storage account (<see cref="StorageOptions"/>, validated at start-up), its table, queue and
    /// blob service clients (Microsoft.Extensions.Azure, one credential for the account) and <see cref="StorageTables"/>.
    /// The stores on those tables register in their own folders (<c>AddTenantStore</c>, <c>AddRunStore</c>). A second
    /// call adds nothing: a host that tunes the clients first (<c>AddAzureClients(c =&gt; c.ConfigureDefaults(…))</c>,
    /// e.g. shorter retries) keeps its tuning.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(StorageTables)))
        {
            return services;
        }

        services.AddOptions<StorageOptions>()
            .Configure(options => options.ReadFrom(configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddAzureClients(clients =>
        {
            // The AzureWebJobsStorage__credential/__clientId pair, as the Functions host reads it; unused with a connection string.
            clients.UseCredential(provider => Storage(provider).CreateCredential());
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) =>
            {
                var storage = Storage(provider);
                return storage.UsesConnectionString ? new(storage.ConnectionString, options) : new(new Uri(storage.TableServiceUri!), credential, options);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, provider) =>
            {
                var storage = Storage(provider);
                return storage.UsesConnectionString ? new(storage.ConnectionString, options) : new(new Uri(storage.QueueServiceUri!), credential, options);
            })
            // What the Functions queue trigger expects: a plain-text message would land in the poison queue.
            .ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) =>
            {
                var storage = Storage(provider);
                return storage.UsesConnectionString ? new(storage.ConnectionString, options) : new(new Uri(storage.BlobServiceUri!), credential, options);
            });
        });

        // Microsoft.Extensions.Azure forwards the SDK's own event sources to ILogger (a Warning for every expected 404
        // and 409); the app logs what it makes of a failure itself, as it did before the clients came from there.
        services.AddLogging(logging => logging.AddFilter("Azure.", LogLevel.None));
        services.TryAddSingleton<StorageTables>();
        return services;
    }

    private static StorageOptions Storage(IServiceProvider provider) => provider.GetRequiredService<IOptions<StorageOptions>>().Value;
}
