using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Marker;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Operations;

/// <summary>What <c>tenants claim</c> shows before it asks: the marker, and the synced persons it would adopt: known (StaffCloud
/// returned them), gone (404: the next run removes them, under the guard) and unproven (neither: held).</summary>
public sealed record AccountClaimView(AccountMarkerCheck Marker, int Known, int Gone, int Unproven)
{
    public string TenantId => Marker.TenantId;
    public string AccountId => Marker.AccountId;
}

/// <summary>How a claim ended: only <see cref="Claimed"/> wrote (the marker).</summary>
public enum AccountClaimOutcome { Claimed, AlreadyOurs, RefusedOtherTenant }

/// <summary>An operator's claim of an account that already holds people (sync-rules.md, "An account belongs to one tenant, provably").</summary>
public sealed class AccountClaims(TenantStore tenants, SnapshotReader reader, IMobieTrainClient mobieTrain, AccountMarkers markers, TimeProvider time)
{
    /// <summary>Reads as a run would; writes nothing.</summary>
    public async Task<AccountClaimView> ShowAsync(string tenantId, CancellationToken cancellationToken)
    {
        var preview = await RunContext.PreviewAsync(tenants, reader, tenantId, time.GetUtcNow(), cancellationToken);
        var synced = AccountMarkerCheck.SyncedEmployeeIds(preview.Snapshot.MobieTrain);
        var staffCloud = preview.Snapshot.StaffCloud;
        var known = staffCloud.Employees.Select(e => e.Id).Where(synced.Contains).Distinct().Count();
        var gone = staffCloud.ProvenDeleted.Count(synced.Contains);
        return new AccountClaimView(preview.Marker, known, gone, synced.Count - known - gone);
    }

    /// <summary>The groups are read again first: a marker another tenant put there since <see cref="ShowAsync"/> still refuses.</summary>
    public async Task<AccountClaimOutcome> ClaimAsync(AccountClaimView view, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(view.TenantId, cancellationToken)
            ?? throw new InvalidOperationException($"tenant '{view.TenantId}' has no row in the Tenants table");
        var target = TenantTargets.MobieTrain(tenant.ValidSettings);
        var groups = await mobieTrain.GetUserGroupsAsync(target, cancellationToken).ToListAsync(cancellationToken);

        // The markers decide as they do for a run; the people in the account are what the claim is for, so not read again.
        var now = AccountMarkerCheck.Of(view.TenantId, view.AccountId, new MobieTrainSnapshot(groups, [], []));
        if (now.State is AccountMarkerState.OtherTenant)
            return AccountClaimOutcome.RefusedOtherTenant;
        if (now.State is AccountMarkerState.Ours)
            return AccountClaimOutcome.AlreadyOurs;

        await markers.CreateAsync(MobieTrainWriteTarget.For(target, "claim-" + SyncRequest.NewRunId()), cancellationToken);
        return AccountClaimOutcome.Claimed;
    }
}
