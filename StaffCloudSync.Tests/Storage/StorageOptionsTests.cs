using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Storage;

public sealed class StorageOptionsTests
{
    [Test]
    public void MissingConnection_FailsStartUp_NamingTheSetting()
    {
        using var provider = Build([]);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("AzureWebJobsStorage is not set: give a connection string or AzureWebJobsStorage__tableServiceUri"));
    }

    [Test]
    public void ConnectionString_IsUsedAsGiven_WithDefaultTableNames()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var client = provider.GetRequiredService<TableServiceClient>();
        var tables = provider.GetRequiredService<StorageTables>();

        Assert.Multiple(() =>
        {
            Assert.That(options.UsesConnectionString, Is.True);
            Assert.That(tables.Tenants.Client.Name, Is.EqualTo("Tenants"));
            Assert.That(tables.Runs.Client.Name, Is.EqualTo("SyncRuns"));
            Assert.That(client.AccountName, Is.EqualTo("devstoreaccount1"));
            Assert.That(tables.Documents.Client.Name, Is.EqualTo("run-details"));
            Assert.That(provider.GetRequiredService<IOptionsMonitor<QueueClientOptions>>().Get("Default").MessageEncoding, Is.EqualTo(QueueMessageEncoding.Base64),
                "what the Functions queue trigger reads");
            Assert.That(provider.GetRequiredService<BlobServiceClient>().AccountName, Is.EqualTo("devstoreaccount1"));
            Assert.That(provider.GetRequiredService<TenantStore>(), Is.Not.Null);
            Assert.That(provider.GetRequiredService<RunStore>(), Is.Not.Null);
        });
    }

    [Test]
    public void IdentityBasedSettings_BuildAClientForTheServiceUri()
    {
        using var provider = Build(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://staffsync.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://staffsync.queue.core.windows.net",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://staffsync.blob.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["Storage:NamePrefix"] = "Test",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var client = provider.GetRequiredService<TableServiceClient>();

        Assert.Multiple(() =>
        {
            Assert.That(options.UsesConnectionString, Is.False);
            Assert.That(options.ClientId, Is.EqualTo("00000000-0000-0000-0000-000000000001"));
            Assert.That(options.QueueServiceUri, Is.EqualTo("https://staffsync.queue.core.windows.net"));
            Assert.That(provider.GetRequiredService<StorageTables>().Tenants.Client.Name, Is.EqualTo("TestTenants"));
            Assert.That(provider.GetRequiredService<StorageTables>().Documents.Client.Name, Is.EqualTo("testrun-details"));
            Assert.That(client.Uri.Host, Is.EqualTo("staffsync.table.core.windows.net"));
            Assert.That(provider.GetRequiredService<QueueServiceClient>().Uri.Host, Is.EqualTo("staffsync.queue.core.windows.net"));
            Assert.That(provider.GetRequiredService<BlobServiceClient>().Uri.Host, Is.EqualTo("staffsync.blob.core.windows.net"));
        });
    }

    [Test]
    public void AccountNameAlone_GivesThePublicServiceUris()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage:accountName"] = "staffsync" });

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.TableServiceUri, Is.EqualTo("https://staffsync.table.core.windows.net"));
            Assert.That(options.BlobServiceUri, Is.EqualTo("https://staffsync.blob.core.windows.net"));
        });
    }

    [Test]
    public void BadValues_AreEachNamed()
    {
        using var provider = Build(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "not a uri",
            ["AzureWebJobsStorage:credential"] = "password",
            ["Storage:NamePrefix"] = "sync-",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.That(ex!.Failures, Has.Some.Contains("AzureWebJobsStorage__tableServiceUri 'not a uri'")
            .And.Some.Contains("AzureWebJobsStorage__credential 'password'")
            .And.Some.Contains("Storage__NamePrefix 'sync-' is not a name prefix")
            .And.Some.Contains("AzureWebJobsStorage__blobServiceUri is not set"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTableStorage(configuration).BuildServiceProvider();
    }
}
