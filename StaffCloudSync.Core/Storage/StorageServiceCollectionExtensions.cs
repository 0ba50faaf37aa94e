using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Credentials;

namespace StaffCloudSync.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the app's storage account (<see cref="StorageOptions"/>, validated at start-up), its
    /// <see cref="TableServiceClient"/> and <see cref="StorageTables"/>. The stores on those tables register in their
    /// own folders (<c>AddTenantStore</c>, <c>AddRunStore</c>).
    /// <paramref name="configureClient"/> tunes the SDK client (tests shorten its retries).
    /// </summary>
    public static IServiceCollection AddTableStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<TableClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Configure(options => options.ReadFrom(configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var clientOptions = new TableClientOptions();
            configureClient?.Invoke(clientOptions);
            return CreateServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value, clientOptions);
        });
        services.TryAddSingleton<StorageTables>();
        return services;
    }

    public static TableServiceClient CreateServiceClient(StorageOptions options, TableClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesConnectionString)
        {
            return new TableServiceClient(options.ConnectionString, clientOptions);
        }

        var credential = AzureCredentials.Create(AzureCredentials.Parse(options.Credential), options.ClientId);
        return new TableServiceClient(new Uri(options.TableServiceUri!), credential, clientOptions);
    }
}
