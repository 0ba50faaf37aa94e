using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Platform.Storage;

/// <summary>Fails start-up with a message that names the setting to fix, instead of a first request failing later.</summary>
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
            NamePrefixPattern().IsMatch(options.NamePrefix) ? null : $"{StorageOptions.SectionName}__{nameof(StorageOptions.NamePrefix)} '{options.NamePrefix}' " +
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
