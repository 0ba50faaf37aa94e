namespace StaffCloudSync.Core.Secrets;

/// <summary>
/// Reads API tokens and keys by secret name (Key Vault in Azure, configuration locally). A value returned
/// here goes into an Authorization header and nowhere else: not a log, an exception message or a run record.
/// </summary>
public interface ISecretStore
{
    /// <summary>The secret's current value; throws <see cref="SecretNotFoundException"/> when it does not exist.</summary>
    Task<string> GetSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Drops any cached value of the secret, so that a caller whose token was just refused (401) can read it once
    /// more and pick up a rotated value. Stores that do not cache have nothing to drop, hence the empty default.
    /// </summary>
    void Invalidate(string name)
    {
    }
}

/// <summary>The named secret does not exist (or is empty/disabled). The message names the secret, not a value.</summary>
public sealed class SecretNotFoundException : Exception
{
    public SecretNotFoundException(string secretName, Exception? innerException = null)
        : base($"Secret '{secretName}' was not found in the secret store.", innerException)
    {
        SecretName = secretName;
    }

    public SecretNotFoundException() => SecretName = string.Empty;

    public SecretNotFoundException(string secretName) : this(secretName, null) { }

    public string SecretName { get; }
}
