namespace StaffCloudSync.Core.Secrets;

/// <summary>
/// Key Vault refused to hand out a secret (401/403): the app's identity is missing its role assignment, or the
/// vault's firewall blocks the app. It is not transient: an operator has to grant access. The message names the
/// secret and the vault, never a value.
/// </summary>
public sealed class SecretAccessDeniedException : Exception
{
    public SecretAccessDeniedException(string secretName, Uri? vaultUri, int statusCode, Exception? innerException = null)
        : base(BuildMessage(secretName, vaultUri, statusCode), innerException)
    {
        SecretName = secretName;
        StatusCode = statusCode;
    }

    public SecretAccessDeniedException() => SecretName = string.Empty;

    public SecretAccessDeniedException(string message) : base(message) => SecretName = string.Empty;

    public SecretAccessDeniedException(string message, Exception innerException) : base(message, innerException) => SecretName = string.Empty;

    public string SecretName { get; }

    /// <summary>The HTTP status Key Vault answered with (401 or 403).</summary>
    public int StatusCode { get; }

    private static string BuildMessage(string secretName, Uri? vaultUri, int statusCode)
    {
        var vault = vaultUri is null ? "Key Vault" : $"Key Vault {vaultUri}";
        return $"{vault} refused to read secret '{secretName}' (HTTP {statusCode}): the app's identity lacks the " +
            "\"Key Vault Secrets User\" role on the vault (or, for a vault using access policies, a policy granting " +
            "'Get' on secrets), or the vault's network rules block the app.";
    }
}
