namespace StaffCloudSync.Core.Scheduling.Notifications;

// Event ids 1600–1649; a notification by its event name and size, never its body, a secret or its URL. Every 401 is one line
// starting "Notification refused (401)": the alert on refusal spikes counts them (infra/modules/alerts.bicep).
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information,
        Message = "Notification {Event} ({Bytes} bytes, {Shape}) for tenant {TenantId}: early run {RunId} due at {DueAt}")]
    public static partial void Scheduled(ILogger logger, string tenantId, string @event, int bytes, string shape, string runId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information,
        Message = "Notification {Event} ({Bytes} bytes, {Shape}) for tenant {TenantId} joins early run {RunId} due at {DueAt}")]
    public static partial void Joined(ILogger logger, string tenantId, string @event, int bytes, string shape, string runId, DateTimeOffset dueAt);

    [LoggerMessage(1602, LogLevel.Information, "Notification {Event} ({Bytes} bytes) for tenant {TenantId} ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string tenantId, string @event, int bytes, string reason);

    [LoggerMessage(1603, LogLevel.Warning, "Notification refused (401) for tenant {TenantId}: {Cause}")]
    public static partial void Refused(ILogger logger, string tenantId, string cause);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning,
        Message = "Notification refused (401) for tenant {TenantId}: Key Vault secret {SecretName} does not exist; create it as 'staffcloud-sync tenants notifications {TenantId}' says")]
    public static partial void SecretMissing(ILogger logger, string tenantId, string secretName);

    [LoggerMessage(1605, LogLevel.Warning, "Notification refused (413) for tenant {TenantId}: its body is over {MaxBytes} bytes")]
    public static partial void TooLarge(ILogger logger, string tenantId, int maxBytes);

    [LoggerMessage(EventId = 1606, Level = LogLevel.Error,
        Message = "Notification for tenant {TenantId} not accepted (503): {ErrorType} while {Step}; StaffCloud may send it again, the scheduled runs catch up anyway")]
    public static partial void Unavailable(ILogger logger, string tenantId, string errorType, string step);

    [LoggerMessage(EventId = 1607, Level = LogLevel.Information,
        Message = "Early run {RunId} of tenant {TenantId} starts at {StartedAt}: the next early run is due no sooner than WebhookMinInterval after it")]
    public static partial void EarlyRunStarting(ILogger logger, string tenantId, string runId, DateTimeOffset startedAt);

    [LoggerMessage(EventId = 1608, Level = LogLevel.Warning,
        Message = "Early run {RunId} of tenant {TenantId} was due at {DueAt} and never started (its queue message is lost); a new one is scheduled")]
    public static partial void EarlyRunLost(ILogger logger, string tenantId, string runId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 1609, Level = LogLevel.Warning,
        Message = "Early run {RunId} of tenant {TenantId} was skipped (run {HolderRunId} holds the tenant): early run {NextRunId} is due at {DueAt} for the change it was for")]
    public static partial void EarlyRunRescheduled(ILogger logger, string tenantId, string runId, string? holderRunId, string nextRunId, DateTimeOffset dueAt);

    [LoggerMessage(1610, LogLevel.Information, "Notification refused (401) for tenant {TenantId}: {Cause}")]
    public static partial void NotRegistered(ILogger logger, string tenantId, string cause);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Information,
        Message = "Notification refused (401) for tenant {TenantId}: Key Vault secret {SecretName} was found missing less than {RememberFor} ago; it is read again after that")]
    public static partial void SecretStillMissing(ILogger logger, string tenantId, string secretName, TimeSpan rememberFor);

    [LoggerMessage(1620, LogLevel.Information, "StaffCloud webhook {Change} for tenant {TenantId}: trigger {Event}, webhook {WebhookId}")]
    public static partial void WebhookChanged(ILogger logger, string tenantId, string change, string @event, string? webhookId);

    [LoggerMessage(1621, LogLevel.Warning, "StaffCloud webhook request {Method} /webhooks of tenant {TenantId} failed: {Cause}")]
    public static partial void WebhookRequestFailed(ILogger logger, string tenantId, string method, string cause);
}
