namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>Configuration section <c>Secrets</c>: which secret store the app uses.</summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Secrets";

    /// <summary><see cref="SecretProvider.KeyVault"/> (default) or <see cref="SecretProvider.Configuration"/>. A string rather
    /// than the enum so that a typo reaches <see cref="SecretsOptionsValidator"/>, whose message lists the allowed
    /// values, instead of the configuration binder's conversion error, which does not.</summary>
    public string? Provider { get; set; } = nameof(SecretProvider.KeyVault);

    /// <summary>Secret name → value for the configuration provider, e.g. key <c>Secrets:Values:staffcloud-token-acme</c>
    /// (environment variable / local.settings.json <c>Secrets__Values__staffcloud-token-acme</c>). Names are
    /// case-insensitive, as in Key Vault and configuration.</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider named by <see cref="Provider"/>; an empty setting means the default, Key Vault.</summary>
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
