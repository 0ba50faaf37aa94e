using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>The secrets a tenant's runs read — by name only: no command prints a secret's value.</summary>
internal static class TenantSecrets
{
    public static IReadOnlyList<TenantSecret> For(TenantSettings settings)
    {
        var sharedKey = settings.MobieTrainApiKeySecret == TenantSettings.DefaultMobieTrainApiKeySecret;
        return
        [
            new(settings.EffectiveStaffCloudTokenSecret, $"the StaffCloud API token of {settings.StaffCloudApiTenant}.staff.cloud", "<StaffCloud API token>"),
            new(settings.MobieTrainApiKeySecret,
                sharedKey ? "the MobieTrain API key: the integration's shared key, also used by the other tenants without a key of their own" : "this tenant's own MobieTrain API key",
                "<MobieTrain API key>"),
        ];
    }

    /// <summary>"present", "missing" or why it cannot be told; the value the store hands over is dropped here, never shown.</summary>
    public static async Task<string> StateAsync(ISecretStore store, string name, CancellationToken cancellationToken)
    {
        try
        {
            _ = await store.GetSecretAsync(name, cancellationToken);
            return "present";
        }
        catch (SecretNotFoundException)
        {
            return "missing";
        }
        catch (SecretAccessDeniedException)
        {
            return "access denied";
        }
        catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or CredentialUnavailableException or HttpRequestException)
        {
            return $"unknown ({e.GetType().Name}: {CliErrors.FirstLine(e.Message)})";
        }
    }

    /// <summary>How to create a secret in the store the settings select: an <c>az</c> command, or a local setting.</summary>
    public static string HowToCreate(IConfiguration configuration, TenantSecret secret)
    {
        var selected = new SecretsOptions { Provider = configuration[$"{SecretsOptions.SectionName}:{nameof(SecretsOptions.Provider)}"] };
        if (selected.TryGetProvider(out var provider) && provider == SecretProvider.Configuration)
            return $"app setting Secrets__Values__{secret.Name}={secret.Placeholder}";

        var vault = Uri.TryCreate(configuration["KeyVault:VaultUri"], UriKind.Absolute, out var uri) ? uri.Host.Split('.')[0] : "<vault>";
        return $"az keyvault secret set --vault-name {vault} --name {secret.Name} --value {secret.Placeholder}";
    }
}

internal sealed record TenantSecret(string Name, string Holds, string Placeholder);
