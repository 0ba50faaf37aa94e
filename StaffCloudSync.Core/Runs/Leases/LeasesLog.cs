namespace StaffCloudSync.Core.Runs.Leases;

/// <summary>Log lines of the tenant leases, event ids 1510–1519: tenant and run ids only.</summary>
internal static partial class LeasesLog
{
    [LoggerMessage(EventId = 1510, Level = LogLevel.Debug, Message = "Lease of tenant {TenantId} renewed for run {RunId} until {ExpiresAt}")]
    public static partial void Renewed(ILogger logger, string tenantId, string runId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Lease of tenant {TenantId} could not be renewed for run {RunId} ({Error}); the run stops writing, renewals go on until it ends")]
    public static partial void RenewFailed(ILogger logger, string tenantId, string runId, string error);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Error,
        Message = "Lease of tenant {TenantId} is no longer held by run {RunId} (it expired and another run took it, or it was released); no longer renewed")]
    public static partial void Lost(ILogger logger, string tenantId, string runId);
}
