using Azure.Security.KeyVault.Secrets;
using StaffCloudSync.Core.Secrets;

namespace StaffCloudSync.Tests.Secrets;

/// <summary>
/// Stands in for Key Vault behind the store's seam: answers with whatever the test sets and counts the reads, so
/// that caching shows up as "one call" rather than as timing.
/// </summary>
internal sealed class FakeKeyVaultSecretReader : IKeyVaultSecretReader
{
    private int _calls;

    public Uri VaultUri { get; } = new("https://kv-test.vault.azure.net/");

    /// <summary>What the next read returns or throws; by default the secret "value-1".</summary>
    public Func<string, Task<KeyVaultSecret>> Respond { get; set; } = name => Task.FromResult(new KeyVaultSecret(name, "value-1"));

    public int Calls => Volatile.Read(ref _calls);

    public Task<KeyVaultSecret> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Respond(name);
    }

    public void Returns(string value) => Respond = name => Task.FromResult(new KeyVaultSecret(name, value));

    public void Throws(Exception exception) => Respond = _ => Task.FromException<KeyVaultSecret>(exception);
}
