namespace StaffCloudSync.Core.Operations;

/// <summary>Log lines of the check before a first run (event ids 2400–2449, docs/architecture.md).</summary>
internal static partial class TenantCheckLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information,
        Message = "Tenant {TenantId} checked: {Passed} pass, {Warned} warn, {Failed} fail, {Skipped} skip")]
    public static partial void Checked(ILogger logger, string tenantId, int passed, int warned, int failed, int skipped);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Tenant {TenantId}: check {Check} failed: {Detail}")]
    public static partial void CheckFailed(ILogger logger, string tenantId, string check, string detail);
}
