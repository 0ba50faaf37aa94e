using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Secrets;

public sealed class ConfigurationSecretStoreTests
{
    private static ConfigurationSecretStore CreateStore(Dictionary<string, string?> settings)
    {
        // Bound the way AddSecretStore binds it, so the test also covers the Secrets:Values:<name> key shape.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection(SecretsOptions.SectionName));
        var provider = services.BuildServiceProvider();
        return new ConfigurationSecretStore(
            provider.GetRequiredService<IOptionsMonitor<SecretsOptions>>(), NullLogger<ConfigurationSecretStore>.Instance);
    }

    [Test]
    public async Task GetSecret_ReturnsTheValueUnderSecretsValuesName()
    {
        var store = CreateStore(new() { ["Secrets:Values:staffcloud-token-acme"] = "local-token" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await store.GetSecretAsync("staffcloud-token-acme", CancellationToken.None), Is.EqualTo("local-token"));
            Assert.That(await store.GetSecretAsync("StaffCloud-Token-Acme", CancellationToken.None), Is.EqualTo("local-token"),
                "names are case-insensitive, as in Key Vault");
        }
    }

    [Test]
    public void MissingSecret_IsSecretNotFoundException_NamingIt()
    {
        var store = CreateStore(new() { ["Secrets:Values:mobietrain-api-key"] = "key" });

        var ex = Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetSecretAsync("staffcloud-token-acme", CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.SecretName, Is.EqualTo("staffcloud-token-acme"));
            Assert.That(ex.Message, Does.Contain("staffcloud-token-acme"));
        }
    }

    [TestCase("")]
    [TestCase("  ")]
    public void EmptySecret_IsSecretNotFoundException(string empty)
    {
        var store = CreateStore(new() { ["Secrets:Values:staffcloud-token-acme"] = empty });

        var ex = Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetSecretAsync("staffcloud-token-acme", CancellationToken.None));

        Assert.That(ex!.SecretName, Is.EqualTo("staffcloud-token-acme"));
    }

    [Test]
    public void Invalidate_IsAHarmlessNoOp()
    {
        ISecretStore store = CreateStore([]);

        Assert.That(() => store.Invalidate("staffcloud-token-acme"), Throws.Nothing);
    }
}
