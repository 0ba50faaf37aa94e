namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>A value returned here goes into an Authorization header and nowhere else: not a log, an exception or a run record.</summary>
public interface ISecretStore
{
    Task<string> GetSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>Drops any cached value, so a caller whose token was just refused (401) picks up a rotated one.</summary>
    void Invalidate(string name) { }
}

/// <summary>The named secret does not exist (or is empty/disabled).</summary>
public sealed class SecretNotFoundException(string secretName, Exception? innerException = null)
    : Exception($"Secret '{secretName}' was not found in the secret store.", innerException)
{
    public string SecretName { get; } = secretName;
}

/// <summary><c>Secrets:Provider</c>: Key Vault in Azure, <c>Secrets:Values:&lt;name&gt;</c> for local runs and tests only.</summary>
public enum SecretProvider { KeyVault, Configuration }

/// <summary>Key Vault refused a secret (401/403): not transient, an operator has to grant access.</summary>
public sealed class SecretAccessDeniedException(string secretName, Uri vaultUri, int statusCode, Exception? innerException = null)
    : Exception($"Key Vault {vaultUri} refused to read secret '{secretName}' (HTTP {statusCode}): the app's identity lacks the " +
        "\"Key Vault Secrets User\" role on the vault (or, for a vault using access policies, a policy granting " +
        "'Get' on secrets), or the vault's network rules block the app.", innerException)
{
    public string SecretName { get; } = secretName;
    public int StatusCode { get; } = statusCode;
}

/// <summary>Secrets from <c>Secrets:Values:&lt;name&gt;</c>; an options monitor, so an edited settings file needs no restart.</summary>
public sealed class ConfigurationSecretStore(IOptionsMonitor<SecretsOptions> options, ILogger<ConfigurationSecretStore> logger) : ISecretStore
{
    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();

        // Trimmed as in Key Vault: a value pasted with a trailing newline would make an invalid Authorization header.
        if (!options.CurrentValue.Values.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
        {
            SecretsLog.ConfigurationSecretNotFound(logger, name);
            return Task.FromException<string>(new SecretNotFoundException(name));
        }

        SecretsLog.ConfigurationSecretRead(logger, name);
        return Task.FromResult(value.Trim());
    }
}
