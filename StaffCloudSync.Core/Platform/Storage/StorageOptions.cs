using Azure.Core;
using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Platform.Storage;

/// <summary>The app's own storage account (tenant registry, run records), configured the way Azure Functions configures
/// <c>AzureWebJobsStorage</c>: a connection string, or identity-based service URIs with a credential.</summary>
public sealed class StorageOptions
{
    /// <summary>The Functions host's own setting: both the host and this app use the one account.</summary>
    public const string ConnectionSettingName = "AzureWebJobsStorage";
    public const string SectionName = "Storage";
    public const string DefaultTenantsTableName = "Tenants";
    public const string DefaultRunsTableName = "SyncRuns";
    public const string DefaultLeasesTableName = "TenantLeases";
    public const string DefaultRunDetailsContainerName = "run-details";

    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        .. new[] { "TenantsTableName", "RunsTableName", "LeasesTableName", "RunDetailsContainerName" }
            .Select(key => new RemovedSetting(key, "it is now Storage__NamePrefix, put before the default names (Tenants, SyncRuns, TenantLeases, run-details)")),
    ];

    /// <summary><c>AzureWebJobsStorage</c>: a connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>AzureWebJobsStorage__tableServiceUri</c> (and queue, blob), or derived from <c>AzureWebJobsStorage__accountName</c>.</summary>
    public string? TableServiceUri { get; set; }
    public string? QueueServiceUri { get; set; }
    public string? BlobServiceUri { get; set; }

    /// <summary><c>AzureWebJobsStorage__credential</c>: "managedidentity" (the default) or "developer".</summary>
    public string? Credential { get; set; }

    /// <summary><c>AzureWebJobsStorage__clientId</c>: a user-assigned identity's client id; empty for system-assigned.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>Storage__NamePrefix</c> (empty by default), put before every table's name and, in lower case, the container's: the
    /// tests, the sandbox and the CLI's child processes keep their state apart in one Azurite.</summary>
    public string NamePrefix { get; set; } = string.Empty;

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Reads <c>AzureWebJobsStorage</c> by hand: the same key is a plain value (connection string) in one setup and a
    /// section (identity-based) in the other, which the options binder cannot express.</summary>
    public void ReadFrom(IConfiguration configuration)
    {
        var connection = configuration.GetSection(ConnectionSettingName);
        ConnectionString = Blank(connection.Value);
        var accountName = Blank(connection["accountName"]);
        TableServiceUri = Blank(connection["tableServiceUri"]) ?? ServiceUri(accountName, "table");
        QueueServiceUri = Blank(connection["queueServiceUri"]) ?? ServiceUri(accountName, "queue");
        BlobServiceUri = Blank(connection["blobServiceUri"]) ?? ServiceUri(accountName, "blob");
        Credential = Blank(connection["credential"]);
        ClientId = Blank(connection["clientId"]);
        NamePrefix = Blank(configuration[$"{SectionName}:{nameof(NamePrefix)}"]) ?? string.Empty;
    }

    /// <summary>The identity-based setup's credential (unused with a connection string).</summary>
    public TokenCredential CreateCredential() =>
        AzureCredentials.Create(AzureCredentials.TryParse(Credential, out var kind) ? kind : AzureCredentialKind.ManagedIdentity, ClientId);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? ServiceUri(string? accountName, string service) =>
        accountName is null ? null : $"https://{accountName}.{service}.core.windows.net";
}
