namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Secrets from configuration (<c>Secrets:Values:&lt;name&gt;</c>): for local runs and tests, where there is no vault.
/// Read through <see cref="IOptionsMonitor{TOptions}"/> so that an edited settings file is picked up without a restart.</summary>
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
