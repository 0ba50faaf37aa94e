namespace StaffCloudSync.Core.Runs;

// Ids only; alerts match on the event ids.
internal static partial class QueueLog
{
    [LoggerMessage(EventId = 1502, Level = LogLevel.Error,
        Message = "Queue message {MessageId} (dequeue {DequeueCount}) is malformed and dropped without retry: {Error}")]
    public static partial void MalformedMessage(ILogger logger, string messageId, long dequeueCount, string error);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning,
        Message = "Run {RunId} of tenant {TenantId} skipped: run {HolderRunId} holds the tenant until {HeldUntil}")]
    public static partial void LeaseBusy(ILogger logger, string tenantId, string runId, string? holderRunId, DateTimeOffset? heldUntil);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning,
        Message = "Run {RunId} of tenant {TenantId} failed transiently (dequeue {DequeueCount}); the queue retries it: {Reason}")]
    public static partial void RetryingRun(ILogger logger, string tenantId, string runId, long dequeueCount, string? reason);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Error,
        Message = "PoisonMessage: run {RunId} of tenant {TenantId} gave up after the queue's retries (message {MessageId}); recorded as failed")]
    public static partial void PoisonMessage(ILogger logger, string tenantId, string runId, string messageId);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Error,
        Message = "PoisonMessage: unreadable message {MessageId} reached the poison queue: {Error}")]
    public static partial void UnreadablePoisonMessage(ILogger logger, string messageId, string error);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information,
        Message = "Tenant {TenantId} run {RunId} stopped (time budget or host stopping); continuation {NextRunId} (invocation {Invocation}) queued with the lease")]
    public static partial void ContinuationQueued(ILogger logger, string tenantId, string runId, string nextRunId, int invocation);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} run {RunId} no longer held the lease to hand to continuation {NextRunId}; the continuation takes it if it is free")]
    public static partial void ContinuationWithoutLease(ILogger logger, string tenantId, string runId, string nextRunId);

    [LoggerMessage(EventId = 1522, Level = LogLevel.Error,
        Message = "Tenant {TenantId} run {RunId} lost its lease (a renewal failed or found it gone) and stopped writing after {Writes} writes")]
    public static partial void LeaseLostStopped(ILogger logger, string tenantId, string runId, int writes);

    [LoggerMessage(EventId = 1523, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} run {RunId} stopped between writes after {Writes} writes: the host is stopping; continuation {NextRunId} takes over")]
    public static partial void HostStopping(ILogger logger, string tenantId, string runId, int writes, string? nextRunId);

    [LoggerMessage(EventId = 1524, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} run {RunId} was delivered again while it held the lease (its instance died): continuation {NextRunId} queued, due at {DueAt}")]
    public static partial void RedeliveryDeferred(ILogger logger, string tenantId, string runId, string nextRunId, DateTimeOffset dueAt);
}
