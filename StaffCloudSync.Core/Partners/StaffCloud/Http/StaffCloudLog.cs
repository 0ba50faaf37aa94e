namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>Event ids 1300–1349: ids, counts and secret names, never a token, a query string, a record or a person's details.</summary>
internal static partial class StaffCloudLog
{
    [LoggerMessage(1300, LogLevel.Debug, "Tenant {TenantId}: reading StaffCloud /{Resource}, request {Request} of {Requests} ({Ids} ids)")]
    public static partial void Reading(ILogger logger, string tenantId, string resource, int request, int requests, int ids);

    [LoggerMessage(1301, LogLevel.Information, "Tenant {TenantId}: read {Count} records from StaffCloud /{Resource} in {Requests} requests")]
    public static partial void Read(ILogger logger, string tenantId, string resource, int count, int requests);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: StaffCloud /{Resource} returned id {RecordId} more than once; the first record is kept")]
    public static partial void DuplicateId(ILogger logger, string tenantId, string resource, long recordId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug,
        Message = "Tenant {TenantId}: StaffCloud /{Resource} returned {Count} records outside the filter ({Filter}); they are dropped")]
    public static partial void OutsideFilter(ILogger logger, string tenantId, string resource, int count, string filter);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug,
        Message = "Tenant {TenantId}: StaffCloud /{Resource} record {RecordId} has an unreadable {Field}; it is read as empty")]
    public static partial void UnreadableDate(ILogger logger, string tenantId, string resource, long recordId, string field);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: StaffCloud refused the token in secret {SecretName} ({StatusCode}); the secret changed, retrying once with the new value")]
    public static partial void TokenRotated(ILogger logger, string tenantId, string secretName, int statusCode);

    [LoggerMessage(1311, LogLevel.Error, "Tenant {TenantId}: StaffCloud refused the token in secret {SecretName} ({StatusCode})")]
    public static partial void TokenRefused(ILogger logger, string tenantId, string secretName, int statusCode);

    [LoggerMessage(1312, LogLevel.Warning, "Tenant {TenantId}: StaffCloud /{Resource} failed ({Kind}, status {StatusCode})")]
    public static partial void RequestFailed(ILogger logger, string tenantId, string resource, string kind, int? statusCode);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Information,
        Message = "StaffCloud {ApiRoot} has used up its rate-limit quota; the next request waits {DelayMs} ms for the window to reset")]
    public static partial void QuotaExhausted(ILogger logger, string apiRoot, long delayMs);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning,
        Message = "StaffCloud {ApiRoot} asks to wait {DelayMs} ms for its quota, more than the {MaxDelayMs} ms a run waits; sending now")]
    public static partial void QuotaWaitTooLong(ILogger logger, string apiRoot, long delayMs, long maxDelayMs);
}
