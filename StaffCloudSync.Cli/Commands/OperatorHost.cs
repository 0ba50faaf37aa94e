using Azure.Core;
using Microsoft.Extensions.Azure;
using StaffCloudSync.Cli.Configuration;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Cli.Commands;

/// <summary>Which settings a command checks before it starts: the storage account only (tenants, runs), or everything the
/// Functions app validates at start-up (sync, explain); a command that only reads tables must not demand a MobieTrain URL.</summary>
internal enum OperatorNeeds
{
    Storage,
    Everything,
}

/// <summary>The very services the Functions app runs (<see cref="CoreServices.AddStaffCloudSync"/>), built for one command.</summary>
internal sealed class OperatorHost(ServiceProvider provider, IConfiguration configuration) : IAsyncDisposable
{
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>Builds the services and validates the settings <paramref name="needs"/> names (exit 4 naming the setting).</summary>
    public static OperatorHost Start(CliContext context, OperatorSettings settings, OperatorNeeds needs, Action<IServiceCollection>? addServices = null)
    {
        var configuration = CliConfiguration.Build(context, settings.SettingsFile);
        var services = new ServiceCollection();
        services.AddCliLogging(context, settings.Verbose);

        // An operator at a prompt should hear "storage unreachable" in seconds, not after the SDK's minute of retries.
        services.AddAzureClients(clients => clients.ConfigureDefaults(StorageRetries));
        services.AddStaffCloudSync(configuration);
        addServices?.Invoke(services);
        context.ConfigureServices?.Invoke(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            if (needs == OperatorNeeds.Everything)
                provider.GetRequiredService<IStartupValidator>().Validate();
            else
                _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new OperatorHost(provider, configuration);
    }

    /// <summary>The storage-only host of a command about one tenant, once the tenant is known to exist (else exit 3).</summary>
    public static async Task<OperatorHost> StartAsync(CliContext context, TenantSettingsBase settings, CancellationToken cancellationToken)
    {
        var host = Start(context, settings, OperatorNeeds.Storage);
        if (await host.Get<TenantStore>().GetAsync(settings.TenantId, cancellationToken) is not null)
            return host;

        await host.DisposeAsync();
        throw CliException.TenantNotFound(settings.TenantId);
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();

    private static void StorageRetries(ClientOptions options)
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
    }
}
