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
        AzureCredentialKind.ManagedIdentity => string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId)),
        AzureCredentialKind.Developer => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ExcludeManagedIdentityCredential = true,
            ExcludeWorkloadIdentityCredential = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown credential kind."),
    };

    /// <summary>Reads the Functions-style setting value ("managedidentity", "developer"); null or empty means managed identity.</summary>
    public static AzureCredentialKind Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Equals("managedidentity", StringComparison.OrdinalIgnoreCase)
            ? AzureCredentialKind.ManagedIdentity
            : Enum.Parse<AzureCredentialKind>(value, ignoreCase: true);
}
