using Azure.Core;
using Azure.Identity;

namespace StaffCloudSync.Core.Platform.Secrets;

/// <summary>How the app authenticates to Azure services (Key Vault, identity-based storage).</summary>
public enum AzureCredentialKind
{
    /// <summary>The app's managed identity (user-assigned when a client id is given): what runs in Azure.</summary>
    ManagedIdentity,

    /// <summary>The developer's own sign-in (Azure CLI, Visual Studio, environment): for a local run against a real vault.</summary>
    Developer,
}

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

    /// <summary>Reads the Functions-style setting value ("managedidentity", "developer"); null or empty means managed identity.</summary>
    public static bool TryParse(string? value, out AzureCredentialKind kind)
    {
        kind = AzureCredentialKind.ManagedIdentity;
        return string.IsNullOrWhiteSpace(value) || (Enum.TryParse(value, ignoreCase: true, out kind) && Enum.IsDefined(kind));
    }
}
