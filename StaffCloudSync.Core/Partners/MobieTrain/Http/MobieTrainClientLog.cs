namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>Event ids 1400–1449: ids, status and error code, never a key, a body, a name, an address or a phone number.</summary>
internal static partial class MobieTrainClientLog
{
    [LoggerMessage(1400, LogLevel.Debug, "Read {Records} MobieTrain {Resource} of account {AccountId} for tenant {TenantId} in {Pages} pages")]
    public static partial void ListRead(ILogger logger, string tenantId, string accountId, string resource, int records, int pages);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information,
        Message = "MobieTrain refused the key in secret {SecretName} for account {AccountId} of tenant {TenantId} (401); the secret changed, retrying once with the new key")]
    public static partial void RetryingWithRotatedKey(ILogger logger, string tenantId, string accountId, string secretName);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error,
        Message = "MobieTrain refused the key in secret {SecretName} for account {AccountId} of tenant {TenantId} with {StatusCode}")]
    public static partial void AuthenticationFailed(ILogger logger, string tenantId, string accountId, string secretName, int statusCode);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information,
        Message = "{Operation} for {ExternalId} in account {AccountId} of tenant {TenantId} answered 409 by our own record {ExistingId}: created before, treated as done")]
    public static partial void ConflictResolved(
        ILogger logger, string tenantId, string accountId, string operation, string externalId, string existingId);

    [LoggerMessage(1404, LogLevel.Warning, "MobieTrain refused {Operation} in account {AccountId} of tenant {TenantId}: {StatusCode} {ErrorCode}")]
    public static partial void WriteRefused(ILogger logger, string tenantId, string accountId, string operation, int statusCode, string? errorCode);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning,
        Message = "MobieTrain unavailable for {Operation} in account {AccountId} of tenant {TenantId} after retries: status {StatusCode}, error {Error}")]
    public static partial void Unavailable(ILogger logger, string tenantId, string accountId, string operation, int? statusCode, string? error);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Error,
        Message = "MobieTrain answered {Operation} in account {AccountId} of tenant {TenantId} with something the API does not return: {Detail}")]
    public static partial void InvalidResponse(ILogger logger, string tenantId, string accountId, string operation, string detail);
}
