namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Fails start-up on an unknown <c>Secrets:Provider</c>, naming the setting and the allowed values.</summary>
internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options) => options.TryGetProvider(out _)
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail($"Secrets:Provider '{options.Provider}' is not a known secret provider; allowed values: " +
            $"{string.Join(", ", Enum.GetNames<SecretProvider>())} (app setting / environment variable Secrets__Provider; empty means KeyVault).");
}
