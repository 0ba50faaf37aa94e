namespace StaffCloudSync.Core.Partners.MobieTrain;

/// <summary>The account's marker group (sync-rules.md, "An account belongs to one tenant, provably").</summary>
public static class TenantMarker
{
    public const string Prefix = "staffcloud-sync-tenant-";
    public static string ExternalIdFor(string tenantId) => Prefix + tenantId;
    public static string NameFor(string tenantId) => "StaffCloud sync: " + tenantId;

    // Any tenant's marker: rules 4 and 6 leave such a group and its members alone.
    public static bool IsMarker(string? externalId) =>
        externalId is not null && externalId.Length > Prefix.Length && externalId.StartsWith(Prefix, StringComparison.Ordinal);

    public static string? TenantOf(string? externalId) => IsMarker(externalId) ? externalId![Prefix.Length..] : null;
}
