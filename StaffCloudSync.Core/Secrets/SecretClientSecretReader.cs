using Azure.Security.KeyVault.Secrets;

namespace StaffCloudSync.Core.Secrets;

/// <summary><see cref="IKeyVaultSecretReader"/> over the real <see cref="SecretClient"/>.</summary>
internal sealed class SecretClientSecretReader(SecretClient client) : IKeyVaultSecretReader
{
    public Uri VaultUri => client.VaultUri;

    public async Task<KeyVaultSecret> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        // version null = the current version: a single GET /secrets/{name}, no versions listed.
        var response = await client.GetSecretAsync(name, null, cancellationToken).ConfigureAwait(false);
        return response.Value;
    }
}
