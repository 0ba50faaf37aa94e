using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Credentials;
using StaffCloudSync.Core.Secrets;

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
    public async Task Provider_Configuration_resolves_the_configuration_store_reading_Secrets_Values()
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
    public void Provider_Configuration_needs_no_vault()
    {
        using var provider = Build(new() { ["Secrets:Provider"] = "configuration" });

        Assert.That(() => ValidateOnStart(provider), Throws.Nothing);
    }

    [Test]
    public void Provider_KeyVault_without_VaultUri_fails_start_up_naming_the_setting()
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
    public void Key_Vault_is_the_default_provider()
    {
        using var provider = Build([]);

        Assert.That(() => ValidateOnStart(provider),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("KeyVault:VaultUri"));
    }

    [TestCase("kv-staffcloudsync.vault.azure.net")]
    [TestCase("http://kv-staffcloudsync.vault.azure.net/")]
    public void An_invalid_VaultUri_fails_start_up_naming_the_setting(string uri)
    {
        using var provider = Build(new() { ["KeyVault:VaultUri"] = uri });

        Assert.That(() => ValidateOnStart(provider),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("KeyVault:VaultUri").And.Message.Contains("https"));
    }

    [Test]
    public void An_unknown_provider_fails_start_up_naming_the_setting_and_the_allowed_values()
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
    public void Other_Key_Vault_settings_are_checked_too()
    {
        using var provider = Build(new()
        {
            ["KeyVault:VaultUri"] = "https://kv-staffcloudsync.vault.azure.net/",
            ["KeyVault:ManagedIdentityClientId"] = "not-a-guid",
            ["KeyVault:CacheDuration"] = "-00:01:00",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.Contain("KeyVault:ManagedIdentityClientId"));
            Assert.That(ex.Message, Does.Contain("KeyVault:CacheDuration"));
        }
    }

    [Test]
    public void Binds_the_Key_Vault_section_with_its_defaults()
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
    public void Provider_KeyVault_with_a_vault_resolves_the_Key_Vault_store(string credential, string? clientId)
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
    public void An_unknown_credential_fails_start_up_naming_the_setting()
    {
        using var provider = Build(new()
        {
            ["KeyVault:VaultUri"] = "https://kv-staffcloudsync.vault.azure.net/",
            ["KeyVault:Credential"] = "msi",
        });

        Assert.That(() => ValidateOnStart(provider), Throws.Exception.With.Message.Contains("KeyVault:Credential"));
    }

    [Test]
    public void Registers_the_system_clock_unless_a_TimeProvider_is_already_registered()
    {
        var fake = new FakeTimeProvider();
        using var withFake = Build([], services => services.AddSingleton<TimeProvider>(fake));
        using var plain = Build([]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withFake.GetRequiredService<TimeProvider>(), Is.SameAs(fake));
            Assert.That(plain.GetRequiredService<TimeProvider>(), Is.SameAs(TimeProvider.System));
        }
    }

    [Test]
    public void The_secret_client_retries_briefly_and_never_logs_response_content()
    {
        var options = SecretsServiceCollectionExtensions.CreateSecretClientOptions();

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
