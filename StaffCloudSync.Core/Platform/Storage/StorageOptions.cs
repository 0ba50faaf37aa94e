using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Platform.Storage;

/// <summary>The app's own storage account (tenant registry, run records), configured the way Azure Functions configures
/// <c>AzureWebJobsStorage</c>: a connection string, or identity-based service URIs with a credential.</summary>
public sealed class StorageOptions
{
    public const string ConnectionSettingName = "AzureWebJobsStorage";
    public const string SectionName = "Storage";
    public const string DefaultTenantsTableName = "Tenants";
    public const string DefaultRunsTableName = "SyncRuns";
    public const string DefaultLeasesTableName = "TenantLeases";
    public const string DefaultRunDetailsContainerName = "run-details";

    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        .. new[] { "TenantsTableName", "RunsTableName", "LeasesTableName", "RunDetailsContainerName" }.Select(key => new RemovedSetting(key,
            "it is now Storage__NamePrefix, put before the default names (Tenants, SyncRuns, TenantLeases, run-details)")),
    ];

    // AzureWebJobsStorage (a connection string) or its identity-based keys (__accountName gives the three URIs).
    public string? ConnectionString { get; set; }
    public string? TableServiceUri { get; set; }
    public string? QueueServiceUri { get; set; }
    public string? BlobServiceUri { get; set; }
    public string? Credential { get; set; }
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

    public TokenCredential CreateCredential() =>
        AzureCredentials.Create(AzureCredentials.TryParse(Credential, out var kind) ? kind : AzureCredentialKind.ManagedIdentity, ClientId);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? ServiceUri(string? accountName, string service) =>
        accountName is null ? null : $"https://{accountName}.{service}.core.windows.net";
}

public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Connection = StorageOptions.ConnectionSettingName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        string?[] account = options.UsesConnectionString ? [] :
        [
            ServiceUri("tableServiceUri", options.TableServiceUri, $"{Connection} is not set: give a connection string or {Connection}__tableServiceUri"),
            ServiceUri("queueServiceUri", options.QueueServiceUri,
                $"{Connection}__queueServiceUri is not set: the tenant-sync queue needs it (or give {Connection}__accountName)"),
            ServiceUri("blobServiceUri", options.BlobServiceUri,
                $"{Connection}__blobServiceUri is not set: the runs' details need it (or give {Connection}__accountName)"),
            AzureCredentials.TryParse(options.Credential, out _) ? null : $"{Connection}__credential '{options.Credential}' is not 'managedidentity' or 'developer'",
        ];
        return AppSetting.Result(
        [
            .. account,
            NamePrefixPattern().IsMatch(options.NamePrefix) ? null
                : $"{StorageOptions.SectionName}__{nameof(StorageOptions.NamePrefix)} '{options.NamePrefix}' " +
                "is not a name prefix (up to 51 letters and digits, starting with a letter; the tables' and the container's names follow it)",
        ]);
    }

    private static string? ServiceUri(string key, string? value, string missing) => value switch
    {
        null => missing,
        _ when Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) => null,
        _ => $"{Connection}__{key} '{value}' is not an absolute http(s) URI",
    };

    // At most 51, so that the longest name (TenantLeases) stays within Table storage's 63 characters.
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9]{0,50})?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePrefixPattern();
}
