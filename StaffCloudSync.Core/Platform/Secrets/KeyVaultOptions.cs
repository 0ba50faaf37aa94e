using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Platform.Secrets;

public sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    /// <summary>Short, so a rotated token is picked up within minutes even without <see cref="ISecretStore.Invalidate"/>.</summary>
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromMinutes(5);
    public Uri? VaultUri { get; set; }
    public AzureCredentialKind Credential { get; set; } = AzureCredentialKind.ManagedIdentity;
    public string? ManagedIdentityClientId { get; set; }

    // Not a setting (internal, so the binder leaves it alone): tests change it in code; zero disables the cache.
    internal TimeSpan CacheDuration { get; set; } = DefaultCacheDuration;

    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
        [new(nameof(CacheDuration), $"it is now the constant {DefaultCacheDuration} (KeyVaultOptions.DefaultCacheDuration)")];
}

/// <summary>Checks <c>KeyVault:*</c> only with the Key Vault provider, read from the raw setting: reading
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
