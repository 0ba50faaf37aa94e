using Microsoft.Extensions.Caching.Hybrid;

namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Each secret kept for <see cref="KeyVaultOptions.CacheDuration"/>, so concurrent callers of one name share a single read
/// and no failure is cached (docs/decisions.md).</summary>
public sealed partial class KeyVaultSecretStore(SecretClient client, HybridCache cache, IOptions<KeyVaultOptions> options, ILogger<KeyVaultSecretStore> logger)
    : ISecretStore
{
    private readonly TimeSpan _cacheDuration = options.Value.CacheDuration > TimeSpan.Zero ? options.Value.CacheDuration : TimeSpan.Zero;

    // In this process's memory only: a secret never goes to a distributed cache, even if the host registers one.
    private HybridCacheEntryOptions Entry => new()
    {
        Expiration = _cacheDuration,
        LocalCacheExpiration = _cacheDuration,
        Flags = HybridCacheEntryFlags.DisableDistributedCache | (_cacheDuration > TimeSpan.Zero ? HybridCacheEntryFlags.None : HybridCacheEntryFlags.DisableLocalCache),
    };

    public async Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // The name becomes a URL path segment: refuse what could address another resource (e.g. "x/versions").
        if (!SecretNamePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a Key Vault secret name (1–127 characters of a-z, A-Z, 0-9 and '-').", nameof(name));

        var fetched = false;
        // The read is shared by every caller waiting for it; HybridCache cancels it only when all of them gave up.
        var value = await cache.GetOrCreateAsync(Key(name), async token =>
        {
            fetched = true;
            return await FetchAsync(name, token);
        }, Entry, cancellationToken: cancellationToken);

        if (!fetched)
            SecretsLog.SecretServedFromCache(logger, name);

        return value;
    }

    public void Invalidate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // The entry is in the local tier only (no distributed cache), which RemoveAsync clears before it returns.
        cache.RemoveAsync(Key(name)).AsTask().GetAwaiter().GetResult();
        SecretsLog.SecretInvalidated(logger, name);
    }

    // Key Vault names are case-insensitive (and ASCII, checked above); the cache's keys are not.
    private static string Key(string name) => "keyvault-secret:" + name.ToLowerInvariant();

    private async Task<string> FetchAsync(string name, CancellationToken cancellationToken)
    {
        var vault = client.VaultUri;
        KeyVaultSecret secret;
        try
        {
            secret = (await client.GetSecretAsync(name, null, cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            SecretsLog.SecretNotFound(logger, name, vault);
            throw new SecretNotFoundException(name, ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 403 && (ex.Message.Contains("SecretDisabled", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("disabled secret", StringComparison.OrdinalIgnoreCase)))
        {
            // Key Vault answers a read of a disabled secret with 403 "SecretDisabled": missing, not a permissions problem.
            SecretsLog.SecretDisabled(logger, name, vault);
            throw new SecretNotFoundException(name, ex);
        }
        catch (RequestFailedException ex) when (ex.Status is 401 or 403)
        {
            SecretsLog.SecretAccessDenied(logger, name, vault, ex.Status);
            throw new SecretAccessDeniedException(name, vault, ex.Status, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Outage, throttling, or no token for the identity: the caller classifies it; logged here where the vault is known.
            SecretsLog.SecretReadFailed(logger, name, vault, ex);
            throw;
        }

        if (secret.Properties.Enabled == false)
        {
            SecretsLog.SecretDisabled(logger, name, vault);
            throw new SecretNotFoundException(name);
        }

        if (string.IsNullOrWhiteSpace(secret.Value))
        {
            SecretsLog.SecretEmpty(logger, name, vault);
            throw new SecretNotFoundException(name);
        }

        SecretsLog.SecretRead(logger, name, vault, _cacheDuration);

        // Trimmed: a value set from a file (az keyvault secret set --file) often ends in a newline, an invalid header.
        return secret.Value.Trim();
    }

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();
}
