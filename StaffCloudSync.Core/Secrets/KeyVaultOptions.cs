using StaffCloudSync.Core.Credentials;

namespace StaffCloudSync.Core.Secrets;

/// <summary>Configuration section <c>KeyVault</c>: the vault holding the tenants' tokens and how to reach it.</summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    /// <summary>The vault, e.g. <c>https://kv-staffcloudsync.vault.azure.net/</c>; required with the Key Vault provider.</summary>
    public Uri? VaultUri { get; set; }

    /// <summary>Managed identity in Azure (default); <see cref="AzureCredentialKind.Developer"/> for a local run against a real vault.</summary>
    public AzureCredentialKind Credential { get; set; } = AzureCredentialKind.ManagedIdentity;

    /// <summary>Client id of a user-assigned managed identity; empty means the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// How long a read secret is reused before Key Vault is asked again. Short, so that a rotated token is picked up
    /// within minutes even without <see cref="ISecretStore.Invalidate"/>; zero disables the cache.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
