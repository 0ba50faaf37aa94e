using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Configuration section <c>KeyVault</c>: the vault holding the tenants' tokens and how to reach it.</summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    /// <summary>How long a read secret is reused before Key Vault is asked again. Short, so that a rotated token is picked up
    /// within minutes even without <see cref="ISecretStore.Invalidate"/>.</summary>
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>The vault, e.g. <c>https://kv-staffcloudsync.vault.azure.net/</c>; required with the Key Vault provider.</summary>
    public Uri? VaultUri { get; set; }

    public AzureCredentialKind Credential { get; set; } = AzureCredentialKind.ManagedIdentity;

    /// <summary>Client id of a user-assigned managed identity; empty means the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary><see cref="DefaultCacheDuration"/>; not a setting (internal, so the binder leaves it alone), tests change it in code; zero disables the cache.</summary>
    internal TimeSpan CacheDuration { get; set; } = DefaultCacheDuration;

    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(CacheDuration), $"it is now the constant {DefaultCacheDuration} (KeyVaultOptions.DefaultCacheDuration)"),
    ];
}
