using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>
/// Fails start-up when the Key Vault provider is selected but <c>KeyVault:*</c> cannot work. The messages name the
/// configuration key and its app-setting spelling (<c>__</c>), which is what an operator edits. With the
/// configuration provider the section is not used, so it is not checked.
/// </summary>
/// <remarks>
/// The provider is read from the raw setting rather than from <c>IOptions&lt;SecretsOptions&gt;</c>: that would throw
/// here when the provider is unknown and report the same mistake twice.
/// </remarks>
internal sealed class KeyVaultOptionsValidator(Func<string?> providerSetting) : IValidateOptions<KeyVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SecretsOptions.TryParseProvider(providerSetting(), out var provider) || provider != SecretProvider.KeyVault)
        {
            // An unknown provider is reported by SecretsOptionsValidator; one message per mistake.
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (options.VaultUri is null)
        {
            errors.Add("KeyVault:VaultUri is required when Secrets:Provider is KeyVault: set app setting / environment variable " +
                "KeyVault__VaultUri to the vault's URI, e.g. https://<vault-name>.vault.azure.net/.");
        }
        else if (!options.VaultUri.IsAbsoluteUri || options.VaultUri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"KeyVault:VaultUri '{options.VaultUri}' is not an absolute https URI: set app setting / environment variable " +
                "KeyVault__VaultUri to the vault's URI, e.g. https://<vault-name>.vault.azure.net/.");
        }

        if (!Enum.IsDefined(options.Credential))
        {
            errors.Add($"KeyVault:Credential '{options.Credential}' is not known; allowed values: " +
                $"{string.Join(", ", Enum.GetNames<AzureCredentialKind>())} (KeyVault__Credential).");
        }

        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) && !Guid.TryParse(options.ManagedIdentityClientId, out _))
        {
            errors.Add("KeyVault:ManagedIdentityClientId must be the client id (a GUID) of a user-assigned managed identity, " +
                "or empty for the system-assigned one (KeyVault__ManagedIdentityClientId).");
        }

        return AppSetting.Result(errors);
    }
}
