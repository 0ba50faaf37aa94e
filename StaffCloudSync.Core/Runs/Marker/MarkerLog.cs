namespace StaffCloudSync.Core.Runs.Marker;

/// <summary>The marker's events: tenant and account ids only (an account id is no personal data).</summary>
public static partial class MarkerLog
{
    [LoggerMessage(EventId = 1730, Level = LogLevel.Information,
        Message = "Tenant {TenantId} created its marker group in MobieTrain account {AccountId} (run {RunId})")]
    public static partial void Created(ILogger logger, string tenantId, string accountId, string runId);

    [LoggerMessage(EventId = 1731, Level = LogLevel.Error,
        Message = "Tenant {TenantId} may not write MobieTrain account {AccountId}: its marker state is {State}; nothing written")]
    public static partial void Refused(ILogger logger, string tenantId, string accountId, string state);
}
