using Azure.Security.KeyVault.Secrets;

namespace StaffCloudSync.Core.Secrets;

/// <summary>
/// The one Key Vault call the app makes, so that <see cref="KeyVaultSecretStore"/>'s caching and error mapping can
/// be tested without Azure (and without mocking <see cref="SecretClient"/>'s growing set of overloads). Deliberately
/// no listing and no versions: the identity needs only "Key Vault Secrets User" on the secrets it reads.
/// </summary>
internal interface IKeyVaultSecretReader
{
    /// <summary>The vault, for messages that tell an operator where to look.</summary>
    Uri VaultUri { get; }

    /// <summary>The secret's current version; throws <see cref="Azure.RequestFailedException"/> as the SDK does.</summary>
    Task<KeyVaultSecret> GetSecretAsync(string name, CancellationToken cancellationToken);
}
