using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Who may write the account, by its marker groups (sync-rules.md, Safety): a new account is one with no synced person
/// or sync-owned group (its first run creates the marker); an unclaimed one holds some and an operator must claim it.</summary>
public enum AccountMarkerState { Ours, MissingNewAccount, MissingUnclaimed, OtherTenant }

/// <summary>Pure, so the run, the previews and <c>tenants claim</c> decide alike. Another tenant's marker wins over our own.</summary>
public sealed record AccountMarkerCheck(
    string TenantId, string AccountId, AccountMarkerState State, IReadOnlyList<string> OtherTenants, int SyncedPersons, int SyncOwnedGroups)
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

    public bool AllowsRun => State is AccountMarkerState.Ours or AccountMarkerState.MissingNewAccount;

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
