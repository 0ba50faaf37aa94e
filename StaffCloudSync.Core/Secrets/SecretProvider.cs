namespace StaffCloudSync.Core.Secrets;

/// <summary>Where <see cref="ISecretStore"/> reads secrets from (configuration key <c>Secrets:Provider</c>).</summary>
public enum SecretProvider
{
    /// <summary>Azure Key Vault: what runs in Azure.</summary>
    KeyVault,

    /// <summary><c>Secrets:Values:&lt;name&gt;</c> in configuration: for local runs and tests only.</summary>
    Configuration,
}
