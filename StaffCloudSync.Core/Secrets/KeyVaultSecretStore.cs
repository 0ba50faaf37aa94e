using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StaffCloudSync.Core.Secrets;

/// <summary>
/// Secrets from Azure Key Vault, each kept for <see cref="KeyVaultOptions.CacheDuration"/>: a run reads the same
/// tokens for many requests, and many tenants share the MobieTrain key, so without a cache every run would cost
/// several vault reads (and count against the vault's throttling limit). Kept short so a rotated token is picked up
/// within minutes; <see cref="Invalidate"/> drops one at once.
/// </summary>
public sealed partial class KeyVaultSecretStore : ISecretStore
{
    private readonly IKeyVaultSecretReader _reader;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<KeyVaultSecretStore> _logger;
    private readonly TimeSpan _cacheDuration;

    // One entry per secret name (Key Vault names are case-insensitive). The Lazy makes concurrent callers of the same
    // name share one fetch: GetOrAdd may build several Lazy instances under a race, but only the stored one is started.
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedSecret>>> _cache = new(StringComparer.OrdinalIgnoreCase);

    public KeyVaultSecretStore(
        SecretClient client,
        IOptions<KeyVaultOptions> options,
        TimeProvider timeProvider,
        ILogger<KeyVaultSecretStore> logger)
        : this(new SecretClientSecretReader(client), options, timeProvider, logger)
    {
    }

    internal KeyVaultSecretStore(
        IKeyVaultSecretReader reader,
        IOptions<KeyVaultOptions> options,
        TimeProvider timeProvider,
        ILogger<KeyVaultSecretStore> logger)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _reader = reader;
        _timeProvider = timeProvider;
        _logger = logger;
        _cacheDuration = options.Value.CacheDuration > TimeSpan.Zero ? options.Value.CacheDuration : TimeSpan.Zero;
    }

    public async Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!SecretNamePattern().IsMatch(name))
        {
            // The name becomes a URL path segment: refuse anything that could address another resource
            // (e.g. "x/versions") instead of relying on escaping.
            throw new ArgumentException(
                $"'{name}' is not a Key Vault secret name (1–127 characters of a-z, A-Z, 0-9 and '-').", nameof(name));
        }

        while (true)
        {
            var entry = _cache.GetOrAdd(name, static (key, store) => new Lazy<Task<CachedSecret>>(() => store.FetchAsync(key)), this);
            var reused = entry.IsValueCreated;
            var fetch = entry.Value;

            // An entry someone else started and that has expired or failed is dropped and fetched afresh. One this
            // call started is used whatever its outcome, so a failing vault cannot make this loop.
            if (reused && fetch.IsCompleted && !IsFresh(fetch))
            {
                _cache.TryRemove(KeyValuePair.Create(name, entry));
                continue;
            }

            CachedSecret secret;
            try
            {
                // The fetch itself ignores this token (it is shared); only this caller's wait is cancelled.
                secret = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (fetch.IsFaulted || fetch.IsCanceled)
            {
                // Failures are not cached: the next caller asks Key Vault again.
                _cache.TryRemove(KeyValuePair.Create(name, entry));
                throw;
            }

            if (reused)
            {
                SecretsLog.SecretServedFromCache(_logger, name);
            }

            return secret.Value;
        }
    }

    /// <summary>
    /// Drops the cached value, e.g. after the API refused the token with 401: the next read asks Key Vault, which
    /// returns the rotated value. A fetch already under way still completes for those waiting on it.
    /// </summary>
    public void Invalidate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_cache.TryRemove(name, out _))
        {
            SecretsLog.SecretInvalidated(_logger, name);
        }
    }

    private bool IsFresh(Task<CachedSecret> fetch) =>
        fetch.IsCompletedSuccessfully && _timeProvider.GetUtcNow() < fetch.Result.ExpiresAt;

    // Runs without a caller's cancellation token because several callers may wait on it; the SecretClient's retry
    // policy and network timeout bound how long it takes.
    private async Task<CachedSecret> FetchAsync(string name)
    {
        var vault = _reader.VaultUri;
        KeyVaultSecret secret;
        try
        {
            secret = await _reader.GetSecretAsync(name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            SecretsLog.SecretNotFound(_logger, name, vault);
            throw new SecretNotFoundException(name, ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 403 && IsDisabledSecret(ex))
        {
            // Key Vault answers a read of a disabled secret with 403 "SecretDisabled", not 404; for the app it is
            // missing (an operator disabled it), not a permissions problem.
            SecretsLog.SecretDisabled(_logger, name, vault);
            throw new SecretNotFoundException(name, ex);
        }
        catch (RequestFailedException ex) when (ex.Status is 401 or 403)
        {
            SecretsLog.SecretAccessDenied(_logger, name, vault, ex.Status);
            throw new SecretAccessDeniedException(name, vault, ex.Status, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Outage or throttling after the SDK's retries, or no token for the identity: left as it is for the
            // caller to classify, but logged here where the vault is known.
            SecretsLog.SecretReadFailed(_logger, name, vault, ex);
            throw;
        }

        if (secret.Properties.Enabled == false)
        {
            SecretsLog.SecretDisabled(_logger, name, vault);
            throw new SecretNotFoundException(name);
        }

        if (string.IsNullOrWhiteSpace(secret.Value))
        {
            SecretsLog.SecretEmpty(_logger, name, vault);
            throw new SecretNotFoundException(name);
        }

        SecretsLog.SecretRead(_logger, name, vault, _cacheDuration);

        // Trimmed: a value set from a file (az keyvault secret set --file) often ends in a newline, which would
        // make an invalid Authorization header. Tokens and keys never carry meaningful outer whitespace.
        return new CachedSecret(secret.Value.Trim(), _timeProvider.GetUtcNow() + _cacheDuration);
    }

    private static bool IsDisabledSecret(RequestFailedException ex) =>
        ex.Message.Contains("SecretDisabled", StringComparison.OrdinalIgnoreCase) ||
        ex.Message.Contains("disabled secret", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();

    private sealed record CachedSecret(string Value, DateTimeOffset ExpiresAt)
    {
        // A record prints its members; this one must never print the value.
        public override string ToString() => $"CachedSecret {{ ExpiresAt = {ExpiresAt:O} }}";
    }
}
