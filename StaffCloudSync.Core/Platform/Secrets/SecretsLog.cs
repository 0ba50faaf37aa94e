namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Log lines of the secret stores (1100–1199): no method takes a value, so none can end up in a log by accident.</summary>
internal static partial class SecretsLog
{
    [LoggerMessage(1100, LogLevel.Debug, "Read secret {SecretName} from Key Vault {VaultUri}; reused for {CacheDuration}")]
    public static partial void SecretRead(ILogger logger, string secretName, Uri vaultUri, TimeSpan cacheDuration);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Trace, Message = "Secret {SecretName} served from the cache")]
    public static partial void SecretServedFromCache(ILogger logger, string secretName);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Dropped cached secret {SecretName}; the next read goes to Key Vault")]
    public static partial void SecretInvalidated(ILogger logger, string secretName);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Secret {SecretName} does not exist in Key Vault {VaultUri}")]
    public static partial void SecretNotFound(ILogger logger, string secretName, Uri vaultUri);

    [LoggerMessage(1104, LogLevel.Warning, "Secret {SecretName} is disabled in Key Vault {VaultUri}; it is treated as missing")]
    public static partial void SecretDisabled(ILogger logger, string secretName, Uri vaultUri);

    [LoggerMessage(1105, LogLevel.Warning, "Secret {SecretName} in Key Vault {VaultUri} is empty; it is treated as missing")]
    public static partial void SecretEmpty(ILogger logger, string secretName, Uri vaultUri);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error,
        Message = "Key Vault {VaultUri} refused to read secret {SecretName} (HTTP {StatusCode}): the app's identity needs the Key Vault Secrets User role")]
    public static partial void SecretAccessDenied(ILogger logger, string secretName, Uri vaultUri, int statusCode);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Reading secret {SecretName} from Key Vault {VaultUri} failed")]
    public static partial void SecretReadFailed(ILogger logger, string secretName, Uri vaultUri, Exception exception);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Debug, Message = "Read secret {SecretName} from configuration")]
    public static partial void ConfigurationSecretRead(ILogger logger, string secretName);

    [LoggerMessage(1111, LogLevel.Warning, "Secret {SecretName} is not set (or empty) in configuration key Secrets:Values:{SecretName}")]
    public static partial void ConfigurationSecretNotFound(ILogger logger, string secretName);
}
