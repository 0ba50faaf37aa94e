using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Runs.Marker;

/// <summary>The one place a run and <c>tenants claim</c> decide on, and write, the account's marker; no write precedes it.</summary>
public sealed class AccountMarkers(IMobieTrainClient mobieTrain, ILogger<AccountMarkers> logger)
{
    // A dry run ends as if a new account's marker were there.
    public async Task EnsureAsync(MobieTrainWriteTarget target, bool dryRun, MobieTrainSnapshot snapshot, CancellationToken cancellationToken)
    {
        var check = AccountMarkerCheck.Of(target.TenantId, target.AccountId, snapshot);
        if (check.FailureMessage is { } failure)
        {
            MarkerLog.Refused(logger, target.TenantId, target.AccountId, check.State.ToString());
            throw new SyncRunException(target.TenantId, SyncFailureKind.Configuration, failure);
        }

        if (check.State == AccountMarkerState.MissingNewAccount && !dryRun)
            await CreateAsync(target, cancellationToken);
    }

    public async Task CreateAsync(MobieTrainWriteTarget target, CancellationToken cancellationToken)
    {
        await mobieTrain.CreateUserGroupAsync(target, TenantMarker.NameFor(target.TenantId), TenantMarker.ExternalIdFor(target.TenantId), cancellationToken);
        MarkerLog.Created(logger, target.TenantId, target.AccountId, target.RunId);
    }
}

public static partial class MarkerLog
{
    [LoggerMessage(1730, LogLevel.Information, "Tenant {TenantId} created its marker group in MobieTrain account {AccountId} (run {RunId})")]
    public static partial void Created(ILogger logger, string tenantId, string accountId, string runId);

    [LoggerMessage(EventId = 1731, Level = LogLevel.Error,
        Message = "Tenant {TenantId} may not write MobieTrain account {AccountId}: its marker state is {State}; nothing written")]
    public static partial void Refused(ILogger logger, string tenantId, string accountId, string state);
}
