using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Fails start-up when the Key Vault provider is selected but <c>KeyVault:*</c> cannot work; with the configuration
/// provider the section is not used, so it is not checked. The provider is read from the raw setting: reading
/// <c>IOptions&lt;SecretsOptions&gt;</c> here would throw on an unknown provider and report the same mistake twice.</summary>
internal sealed class KeyVaultOptionsValidator(Func<string?> providerSetting) : IValidateOptions<KeyVaultOptions>
{
    private const string SetVaultUri = "set app setting / environment variable KeyVault__VaultUri to the vault's URI, e.g. https://<vault-name>.vault.azure.net/.";

    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        // An unknown provider is reported by SecretsOptionsValidator; one message per mistake.
        if (!SecretsOptions.TryParseProvider(providerSetting(), out var provider) || provider != SecretProvider.KeyVault)
            return ValidateOptionsResult.Success;

        return AppSetting.Result(
        [
            options.VaultUri switch
            {
                null => $"KeyVault:VaultUri is required when Secrets:Provider is KeyVault: {SetVaultUri}",
                { IsAbsoluteUri: false } or { Scheme: not "https" } => $"KeyVault:VaultUri '{options.VaultUri}' is not an absolute https URI: {SetVaultUri}",
                _ => null,
            },
            Enum.IsDefined(options.Credential) ? null : $"KeyVault:Credential '{options.Credential}' is not known; allowed values: " +
                $"{string.Join(", ", Enum.GetNames<AzureCredentialKind>())} (KeyVault__Credential).",
            string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) || Guid.TryParse(options.ManagedIdentityClientId, out _) ? null
                : "KeyVault:ManagedIdentityClientId must be the client id (a GUID) of a user-assigned managed identity, " +
                "or empty for the system-assigned one (KeyVault__ManagedIdentityClientId).",
        ]);
    }
}
