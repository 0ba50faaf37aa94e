using Azure.Identity;

namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary><c>Developer</c> is the developer's own sign-in (Azure CLI, Visual Studio, environment): for a local run against a real vault.</summary>
public enum AzureCredentialKind { ManagedIdentity, Developer }

/// <summary>Builds the one credential type configuration asks for, instead of a DefaultAzureCredential probing chain in production.</summary>
public static class AzureCredentials
{
    public static TokenCredential Create(AzureCredentialKind kind, string? managedIdentityClientId) => kind switch
    {
        AzureCredentialKind.Developer => new DefaultAzureCredential(
            new DefaultAzureCredentialOptions { ExcludeManagedIdentityCredential = true, ExcludeWorkloadIdentityCredential = true }),
        _ => new ManagedIdentityCredential(string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId)),
    };

    /// <summary>"managedidentity" (also null or empty) or "developer", as the Functions host reads it.</summary>
    public static bool TryParse(string? value, out AzureCredentialKind kind)
    {
        kind = AzureCredentialKind.ManagedIdentity;
        return string.IsNullOrWhiteSpace(value) || (Enum.TryParse(value, ignoreCase: true, out kind) && Enum.IsDefined(kind));
    }
}
