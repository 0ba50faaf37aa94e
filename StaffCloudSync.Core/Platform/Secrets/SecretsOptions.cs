namespace StaffCloudSync.Core.Platform.Secrets;

public sealed class SecretsOptions
{
    public const string SectionName = "Secrets";

    /// <summary>A string, not the enum, so a typo reaches <see cref="SecretsOptionsValidator"/>, whose message lists the allowed values.</summary>
    public string? Provider { get; set; } = nameof(SecretProvider.KeyVault);

    /// <summary>Secret name → value for the configuration provider (<c>Secrets__Values__staffcloud-token-acme</c>); names are
    /// case-insensitive, as in Key Vault.</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool TryGetProvider(out SecretProvider provider) => TryParseProvider(Provider, out provider);

    internal static bool TryParseProvider(string? value, out SecretProvider provider)
    {
        provider = SecretProvider.KeyVault;
        if (string.IsNullOrWhiteSpace(value))
            return true;

        // Names only: Enum.TryParse alone would also accept "1" or "KeyVault,Configuration".
        return Enum.GetNames<SecretProvider>().Contains(value.Trim(), StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(value.Trim(), ignoreCase: true, out provider);
    }
}

internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options) => options.TryGetProvider(out _)
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail($"Secrets:Provider '{options.Provider}' is not a known secret provider; allowed values: " +
            $"{string.Join(", ", Enum.GetNames<SecretProvider>())} (app setting / environment variable Secrets__Provider; empty means KeyVault).");
}
