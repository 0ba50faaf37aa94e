namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Reads API tokens and keys by secret name (Key Vault in Azure, configuration locally). A value returned
/// here goes into an Authorization header and nowhere else: not a log, an exception message or a run record.</summary>
public interface ISecretStore
{
    /// <summary>The secret's current value; throws <see cref="SecretNotFoundException"/> when it does not exist.</summary>
    Task<string> GetSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>Drops any cached value of the secret, so that a caller whose token was just refused (401) can read it once
    /// more and pick up a rotated value. Stores that do not cache have nothing to drop, hence the empty default.</summary>
    void Invalidate(string name)
    {
    }
}

/// <summary>The named secret does not exist (or is empty/disabled). The message names the secret, not a value.</summary>
public sealed class SecretNotFoundException(string secretName, Exception? innerException = null)
    : Exception($"Secret '{secretName}' was not found in the secret store.", innerException)
{
    public string SecretName { get; } = secretName;
}

/// <summary>Where <see cref="ISecretStore"/> reads secrets from (configuration key <c>Secrets:Provider</c>): Key Vault in Azure,
/// <c>Secrets:Values:&lt;name&gt;</c> in configuration for local runs and tests only.</summary>
public enum SecretProvider
{
    KeyVault,
    Configuration,
}

/// <summary>Key Vault refused to hand out a secret (401/403): the app's identity is missing its role assignment, or the
/// vault's firewall blocks the app. It is not transient: an operator has to grant access. The message names the
/// secret and the vault, never a value.</summary>
public sealed class SecretAccessDeniedException(string secretName, Uri vaultUri, int statusCode, Exception? innerException = null)
    : Exception($"Key Vault {vaultUri} refused to read secret '{secretName}' (HTTP {statusCode}): the app's identity lacks the " +
        "\"Key Vault Secrets User\" role on the vault (or, for a vault using access policies, a policy granting " +
        "'Get' on secrets), or the vault's network rules block the app.", innerException)
{
    public string SecretName { get; } = secretName;

    public int StatusCode { get; } = statusCode;
}
