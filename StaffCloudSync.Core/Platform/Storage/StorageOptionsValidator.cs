using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Platform.Storage;

/// <summary>Fails start-up with a message that names the setting to fix, instead of a first request failing later.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!options.UsesConnectionString)
        {
            if (options.TableServiceUri is null)
            {
                failures.Add($"{StorageOptions.ConnectionSettingName} is not set: give a connection string or {StorageOptions.ConnectionSettingName}__tableServiceUri");
            }
            else if (!IsServiceUri(options.TableServiceUri))
            {
                failures.Add($"{StorageOptions.ConnectionSettingName}__tableServiceUri '{options.TableServiceUri}' is not an absolute http(s) URI");
            }

            if (options.QueueServiceUri is null)
            {
                failures.Add($"{StorageOptions.ConnectionSettingName}__queueServiceUri is not set: the tenant-sync queue needs it (or give {StorageOptions.ConnectionSettingName}__accountName)");
            }
            else if (!IsServiceUri(options.QueueServiceUri))
            {
                failures.Add($"{StorageOptions.ConnectionSettingName}__queueServiceUri '{options.QueueServiceUri}' is not an absolute http(s) URI");
            }

            if (options.BlobServiceUri is null)
            {
                failures.Add($"{StorageOptions.ConnectionSettingName}__blobServiceUri is not set: the runs' details need it (or give {StorageOptions.ConnectionSettingName}__accountName)");
            }
            else if (!IsServiceUri(options.BlobServiceUri))
            {
                failures.Add($"{StorageOptions.ConnectionSettingName}__blobServiceUri '{options.BlobServiceUri}' is not an absolute http(s) URI");
            }

            if (!IsKnownCredential(options.Credential))
            {
                failures.Add($"{StorageOptions.ConnectionSettingName}__credential '{options.Credential}' is not 'managedidentity' or 'developer'");
            }
        }

        CheckTableName(failures, nameof(StorageOptions.TenantsTableName), options.TenantsTableName);
        CheckTableName(failures, nameof(StorageOptions.RunsTableName), options.RunsTableName);
        CheckTableName(failures, nameof(StorageOptions.LeasesTableName), options.LeasesTableName);
        if (options.RunDetailsContainerName is null || !ContainerNamePattern().IsMatch(options.RunDetailsContainerName))
        {
            failures.Add($"{StorageOptions.SectionName}__{nameof(StorageOptions.RunDetailsContainerName)} '{options.RunDetailsContainerName}' is not a container name (3–63 lower-case letters, digits and single hyphens)");
        }

        return AppSetting.Result(failures);
    }

    private static bool IsServiceUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsKnownCredential(string? value)
    {
        try
        {
            _ = AzureCredentials.Parse(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CheckTableName(List<string> failures, string setting, string? value)
    {
        if (value is null || !TableNamePattern().IsMatch(value))
        {
            failures.Add($"{StorageOptions.SectionName}__{setting} '{value}' is not a table name (3–63 letters and digits, starting with a letter)");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerNamePattern();
}
