using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>What the account's marker groups say about who may write it: <c>Ours</c>, the tenant's own marker is there (and no other
/// tenant's); <c>MissingNewAccount</c>, no marker and no synced person or sync-owned group: a new account, whose first run
/// creates the marker; <c>MissingUnclaimed</c>, no marker, but the account holds synced persons or sync-owned groups: an
/// operator must claim it; <c>OtherTenant</c>, another tenant's marker: the account is that tenant's, never this one's.</summary>
public enum AccountMarkerState { Ours, MissingNewAccount, MissingUnclaimed, OtherTenant }

/// <summary>The marker decision on what a run read from MobieTrain, kept pure so that the run, the previews and <c>tenants claim</c>
/// decide alike. Another tenant's marker wins over our own: two markers mean two rows write one account.</summary>
public sealed record AccountMarkerCheck(
    string TenantId,
    string AccountId,
    AccountMarkerState State,
    IReadOnlyList<string> OtherTenants,
    int SyncedPersons,
    int SyncOwnedGroups)
{
    public static AccountMarkerCheck Of(string tenantId, string accountId, MobieTrainSnapshot mobieTrain)
    {
        var markers = mobieTrain.UserGroups.Select(g => TenantMarker.TenantOf(g.ExternalId)).OfType<string>().ToList();
        var others = markers.Where(t => !string.Equals(t, tenantId, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        var synced = SyncedEmployeeIds(mobieTrain).Count;
        var owned = mobieTrain.UserGroups.Count(g => GroupExternalIds.IsSyncOwned(g.ExternalId));
        var state = others.Count > 0 ? AccountMarkerState.OtherTenant
            : markers.Count > 0 ? AccountMarkerState.Ours
            : synced == 0 && owned == 0 ? AccountMarkerState.MissingNewAccount
            : AccountMarkerState.MissingUnclaimed;
        return new AccountMarkerCheck(tenantId, accountId, state, others, synced, owned);
    }

    public static IReadOnlySet<long> SyncedEmployeeIds(MobieTrainSnapshot mobieTrain) =>
        mobieTrain.Users.Select(u => u.ExternalId).Concat(mobieTrain.Invitations.Select(i => i.ExternalId))
            .Select(Definitions.SyncedEmployeeId).OfType<long>().ToHashSet();

    /// <summary>True when a run may go on (after creating the marker of a new account).</summary>
    public bool AllowsRun => State is AccountMarkerState.Ours or AccountMarkerState.MissingNewAccount;

    /// <summary>How <c>plan</c> and <c>explain</c> show the state.</summary>
    public string StateText => State switch
    {
        AccountMarkerState.Ours => "ours",
        AccountMarkerState.MissingNewAccount => "missing: a new account, the next run creates it",
        AccountMarkerState.MissingUnclaimed => "missing: unclaimed, the account holds people (run `tenants claim " + TenantId + "`)",
        _ => "another tenant's (" + string.Join(", ", OtherTenants) + ")",
    };

    /// <summary>The reason a run fails before writing; null when it may go on.</summary>
    public string? FailureMessage => State switch
    {
        AccountMarkerState.OtherTenant =>
            $"tenant '{TenantId}': MobieTrain account {AccountId} carries the marker of tenant '{string.Join("', '", OtherTenants)}': "
            + $"it belongs to that tenant, not to '{TenantId}'; nothing was written (check the row's MobieTrainAccountId)",
        AccountMarkerState.MissingUnclaimed =>
            $"tenant '{TenantId}': MobieTrain account {AccountId} already holds people this tenant has not claimed "
            + $"({SyncedPersons} synced person(s), {SyncOwnedGroups} sync-owned group(s)) and no marker; nothing was written. "
            + $"If the account is this tenant's, an operator must run `tenants claim {TenantId}`",
        _ => null,
    };
}
