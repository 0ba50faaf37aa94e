using System.Collections.Concurrent;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>
/// A secret store that keeps what it read until <see cref="Invalidate"/>, like the Key Vault store's cache: the
/// situation in which a rotated token is only seen after the client drops the cached one.
/// </summary>
internal sealed class CachingSecretStore(ISecretStore inner) : ISecretStore
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.OrdinalIgnoreCase);
    private int _invalidations;

    public int Invalidations => Volatile.Read(ref _invalidations);

    public async Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var value = await inner.GetSecretAsync(name, cancellationToken);
        _cache[name] = value;
        return value;
    }

    public void Invalidate(string name)
    {
        Interlocked.Increment(ref _invalidations);
        _cache.TryRemove(name, out _);
    }
}
