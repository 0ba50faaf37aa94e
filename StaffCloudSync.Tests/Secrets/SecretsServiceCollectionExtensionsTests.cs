using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Secrets;

public sealed class SecretsServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        before?.Invoke(services);
        services.AddSecretStore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    // What the host runs for ValidateOnStart before the app starts.
    private static void ValidateOnStart(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Test]
    public async Task ProviderConfiguration_ResolvesTheConfigurationStore_ReadingSecretsValues()
    {
        using var provider = Build(new()
        {
            ["Secrets:Provider"] = "Configuration",
            ["Secrets:Values:staffcloud-token-acme"] = "local-token",
        });

        ValidateOnStart(provider);
        var store = provider.GetRequiredService<ISecretStore>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(store, Is.InstanceOf<ConfigurationSecretStore>());
            Assert.That(await store.GetSecretAsync("staffcloud-token-acme", CancellationToken.None), Is.EqualTo("local-token"));
            Assert.That(provider.GetRequiredService<ISecretStore>(), Is.SameAs(store), "singleton");
        }
    }

    [Test]
    public void ProviderConfiguration_NeedsNoVault()
    {
        using var provider = Build(new() { ["Secrets:Provider"] = "configuration" });

        Assert.That(() => ValidateOnStart(provider), Throws.Nothing);
    }

    [Test]
    public void ProviderKeyVaultWithoutVaultUri_FailsStartUp_NamingTheSetting()
    {
        using var provider = Build(new() { ["Secrets:Provider"] = "KeyVault" });

        var atStart = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));
        var onResolve = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(atStart!.Message, Does.Contain("KeyVault:VaultUri"));
            Assert.That(atStart.Message, Does.Contain("KeyVault__VaultUri"));
            Assert.That(onResolve!.Message, Does.Contain("KeyVault:VaultUri"));
            Assert.That(() => provider.GetRequiredService<ISecretStore>(),
                Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("KeyVault:VaultUri"));
        }
    }

    [Test]
    public void KeyVault_IsTheDefaultProvider()
    {
        using var provider = Build([]);

        Assert.That(() => ValidateOnStart(provider),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("KeyVault:VaultUri"));
    }

    [TestCase("kv-staffcloudsync.vault.azure.net")]
    [TestCase("http://kv-staffcloudsync.vault.azure.net/")]
    public void InvalidVaultUri_FailsStartUp_NamingTheSetting(string uri)
    {
        using var provider = Build(new() { ["KeyVault:VaultUri"] = uri });

        Assert.That(() => ValidateOnStart(provider),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("KeyVault:VaultUri").And.Message.Contains("https"));
    }

    [Test]
    public void UnknownProvider_FailsStartUp_NamingTheSettingAndTheAllowedValues()
    {
        using var provider = Build(new() { ["Secrets:Provider"] = "Vault" });

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.Contain("Secrets:Provider"));
            Assert.That(ex.Message, Does.Contain("'Vault'"));
            Assert.That(ex.Message, Does.Contain("KeyVault"));
            Assert.That(ex.Message, Does.Contain("Configuration"));
            Assert.That(ex.Message, Does.Not.Contain("KeyVault:VaultUri"), "one message per mistake");
        }
    }

    [Test]
    public void OtherKeyVaultSettings_AreCheckedToo()
    {
        using var provider = Build(new()
        {
            ["KeyVault:VaultUri"] = "https://kv-staffcloudsync.vault.azure.net/",
            ["KeyVault:ManagedIdentityClientId"] = "not-a-guid",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        Assert.That(ex!.Message, Does.Contain("KeyVault:ManagedIdentityClientId"));
    }

    [Test]
    public void KeyVaultSection_IsBoundWithItsDefaults()
    {
        using var provider = Build(new() { ["KeyVault:VaultUri"] = "https://kv-staffcloudsync.vault.azure.net/" });

        var options = provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.VaultUri, Is.EqualTo(new Uri("https://kv-staffcloudsync.vault.azure.net/")));
            Assert.That(options.Credential, Is.EqualTo(AzureCredentialKind.ManagedIdentity));
            Assert.That(options.ManagedIdentityClientId, Is.Null);
            Assert.That(options.CacheDuration, Is.EqualTo(TimeSpan.FromMinutes(5)));
        }
    }

    [TestCase("ManagedIdentity", null)]
    [TestCase("ManagedIdentity", "6a1c1fd2-5b6e-4f7e-9d57-0a3c2b1e9f10")]
    [TestCase("developer", null)]
    public void ProviderKeyVaultWithAVault_ResolvesTheKeyVaultStore(string credential, string? clientId)
    {
        // Building the SecretClient and credential contacts nothing; only a read would.
        using var provider = Build(new()
        {
            ["Secrets:Provider"] = "KeyVault",
            ["KeyVault:VaultUri"] = "https://kv-staffcloudsync.vault.azure.net/",
            ["KeyVault:Credential"] = credential,
            ["KeyVault:ManagedIdentityClientId"] = clientId,
        });

        ValidateOnStart(provider);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(provider.GetRequiredService<ISecretStore>(), Is.InstanceOf<KeyVaultSecretStore>());
            Assert.That(provider.GetRequiredService<SecretClient>().VaultUri, Is.EqualTo(new Uri("https://kv-staffcloudsync.vault.azure.net/")));
        }
    }

    [Test]
    public void UnknownCredential_FailsStartUp_NamingTheSetting()
    {
        using var provider = Build(new()
        {
            ["KeyVault:VaultUri"] = "https://kv-staffcloudsync.vault.azure.net/",
            ["KeyVault:Credential"] = "msi",
        });

        Assert.That(() => ValidateOnStart(provider), Throws.Exception.With.Message.Contains("KeyVault:Credential"));
    }

    [Test]
    public void SecretClient_RetriesBriefly_AndNeverLogsResponseContent()
    {
        using var provider = Build(new() { ["KeyVault:VaultUri"] = "https://kv-staffcloudsync.vault.azure.net/" });
        // The options the Azure client factory builds the SecretClient with.
        var options = provider.GetRequiredService<IOptionsMonitor<SecretClientOptions>>().Get("Default");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Retry.Mode, Is.EqualTo(RetryMode.Exponential));
            Assert.That(options.Retry.MaxRetries, Is.EqualTo(3));
            Assert.That(options.Retry.MaxDelay, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(options.Retry.NetworkTimeout, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.Diagnostics.IsLoggingContentEnabled, Is.False);
        }
    }
}
