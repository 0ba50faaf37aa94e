namespace StaffCloudSync.Core.Tenants;

/// <summary>sync-rules.md, "An account belongs to one tenant, provably": a row whose <c>MobieTrainAccountId</c> changes is disabled
/// until an operator enables it again. A typo in the account would otherwise send this tenant's staff, with their
/// personal data, into another client's account at the next scheduled run.</summary>
public static class AccountChange
{
    /// <summary><paramref name="after"/>, disabled when it names another account than <paramref name="before"/>.</summary>
    public static TenantSettings Apply(TenantSettings before, TenantSettings after) => Changes(before, after) ? after with { Enabled = false } : after;

    public static bool Changes(TenantSettings before, TenantSettings after) =>
        !string.Equals(before?.MobieTrainAccountId, after?.MobieTrainAccountId, StringComparison.OrdinalIgnoreCase);
}
