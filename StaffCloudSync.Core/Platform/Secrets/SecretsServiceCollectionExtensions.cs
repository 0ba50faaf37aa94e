using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Azure;
using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Platform.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISecretStore"/> as chosen by <c>Secrets:Provider</c> (Key Vault by default), binds and
    /// validates <c>Secrets</c> and <c>KeyVault</c> at start-up, and adds the <see cref="SecretClient"/> (Microsoft.Extensions.Azure,
    /// with the <c>KeyVault:Credential</c> identity) and the in-memory HybridCache the Key Vault store keeps values in.
    /// Logging must be registered by the host.
    /// </summary>
    public static IServiceCollection AddSecretStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretsOptions>()
            .Bind(configuration.GetSection(SecretsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>());

        services.AddOptions<KeyVaultOptions>()
            .Bind(configuration.GetSection(KeyVaultOptions.SectionName))
            .ValidateOnStart();
        // A factory only to hand the validator the raw provider setting (KeyVaultOptionsValidator says why).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>(
            _ => new KeyVaultOptionsValidator(() => configuration[$"{SecretsOptions.SectionName}:{nameof(SecretsOptions.Provider)}"])));
        services.RejectRemovedSettings(configuration, KeyVaultOptions.SectionName, KeyVaultOptions.RemovedSettings);

        // Built only when the Key Vault store is resolved, so the configuration provider needs no vault or identity.
        services.AddAzureClients(clients => clients
            .AddClient<SecretClient, SecretClientOptions>((options, credential, provider) => new(KeyVault(provider).VaultUri!, credential, options))
            .WithCredential(provider => AzureCredentials.Create(KeyVault(provider).Credential, KeyVault(provider).ManagedIdentityClientId))
            .ConfigureOptions(ConfigureSecretClient));
        services.AddHybridCache();
        // As AddTableStorage: the SDK's event sources are not forwarded to the app's logs.
        services.AddLogging(logging => logging.AddFilter("Azure.", LogLevel.None));
        services.TryAddSingleton<KeyVaultSecretStore>();
        services.TryAddSingleton<ConfigurationSecretStore>();
        services.TryAddSingleton<ISecretStore>(SelectStore);
        return services;
    }

    private static ISecretStore SelectStore(IServiceProvider services)
    {
        // Reading .Value runs the validators, so an unknown provider fails here too, with the same message.
        var options = services.GetRequiredService<IOptions<SecretsOptions>>().Value;
        _ = options.TryGetProvider(out var provider);
        return provider switch
        {
            SecretProvider.Configuration => services.GetRequiredService<ConfigurationSecretStore>(),
            _ => services.GetRequiredService<KeyVaultSecretStore>(),
        };
    }

    private static KeyVaultOptions KeyVault(IServiceProvider provider) => provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;

    /// <summary>
    /// Azure.Core's defaults wait up to a minute between tries and 100 s per try, so an unreachable vault would hold a
    /// tenant run for minutes. Three quick exponential retries (throttling and 5xx, honouring Retry-After) are enough
    /// for a read that the next scheduled run repeats anyway.
    /// </summary>
    internal static void ConfigureSecretClient(SecretClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);

        // The response body of a secret read is the secret: never let the SDK's diagnostics log it.
        options.Diagnostics.IsLoggingContentEnabled = false;
    }
}
