namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Fails start-up on an unknown <c>Secrets:Provider</c>, naming the setting and the allowed values.</summary>
internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TryGetProvider(out _))
        {
            return ValidateOptionsResult.Success;
        }

        var allowed = string.Join(", ", Enum.GetNames<SecretProvider>());
        return ValidateOptionsResult.Fail(
            $"Secrets:Provider '{options.Provider}' is not a known secret provider; allowed values: {allowed} " +
            "(app setting / environment variable Secrets__Provider; empty means KeyVault).");
    }
}
