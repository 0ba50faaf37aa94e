using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Time.Testing;

namespace StaffCloudSync.Tests.Secrets;

/// <summary>
/// Stands in for Key Vault through <see cref="SecretClient"/>'s mocking constructor: answers with whatever the test sets
/// and counts the reads, so that caching shows up as "one call" rather than as timing.
/// </summary>
internal sealed class FakeSecretClient : SecretClient
{
    private int _calls;

    public override Uri VaultUri { get; } = new("https://kv-test.vault.azure.net/");

    /// <summary>What the next read returns or throws; by default the secret "value-1".</summary>
    public Func<string, Task<KeyVaultSecret>> Respond { get; set; } = name => Task.FromResult(new KeyVaultSecret(name, "value-1"));

    public int Calls => Volatile.Read(ref _calls);

    public override async Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Response.FromValue(await Respond(name).WaitAsync(cancellationToken), null!);
    }

    public void Returns(string value) => Respond = name => Task.FromResult(new KeyVaultSecret(name, value));

    public void Throws(Exception exception) => Respond = _ => Task.FromException<KeyVaultSecret>(exception);

    /// <summary>The HybridCache the app registers, its in-memory tier on <paramref name="time"/>'s clock.</summary>
    public static HybridCache Cache(FakeTimeProvider time) => new ServiceCollection()
        .AddMemoryCache(options => options.Clock = new FakeClock(time))
        .AddHybridCache().Services
        .BuildServiceProvider()
        .GetRequiredService<HybridCache>();

    private sealed class FakeClock(FakeTimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
