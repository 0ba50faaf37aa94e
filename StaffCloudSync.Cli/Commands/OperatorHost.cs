using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;
using StaffCloudSync.Cli.Configuration;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Cli.Commands;

/// <summary>
/// The very services the Functions app runs (<see cref="CoreServices.AddStaffCloudSync"/>)
/// on the configured storage and secret store, built for one command and checked for what that command needs.
/// </summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private OperatorHost(ServiceProvider provider, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        _provider = provider;
        Configuration = configuration;
    }

    public Microsoft.Extensions.Configuration.IConfiguration Configuration { get; }

    /// <summary>
    /// Builds the services and validates the settings <paramref name="needs"/> names; an invalid or missing setting
    /// throws <see cref="OptionsValidationException"/> (exit 4) with the setting's name. <paramref name="addServices"/> adds what
    /// only that command uses (the StaffCloud webhook registration), which the Functions app never has.
    /// </summary>
    public static OperatorHost Start(CliContext context, OperatorSettings settings, OperatorNeeds needs, Action<IServiceCollection>? addServices = null)
    {
        var configuration = CliConfiguration.Build(context, settings.SettingsFile);
        var services = new ServiceCollection();
        services.AddCliLogging(context, settings.Verbose);

        // An operator waiting at a prompt should hear "storage unreachable" in seconds, not after the SDK's minute of
        // retries meant for a background job (the Key Vault client sets its own retries over these defaults).
        services.AddAzureClients(clients => clients.ConfigureDefaults(StorageRetries));
        services.AddStaffCloudSync(configuration);
        addServices?.Invoke(services);
        context.ConfigureServices?.Invoke(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            if (needs == OperatorNeeds.Everything)
            {
                provider.GetRequiredService<IStartupValidator>().Validate();
            }
            else
            {
                _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            }
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new OperatorHost(provider, configuration);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static void StorageRetries(ClientOptions options)
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
    }
}
