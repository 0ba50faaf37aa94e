namespace StaffCloudSync.Core.Runs;

/// <summary>Ids and counts only, never personal data or a secret. Event ids are stable: alerts and queries use them.</summary>
public static partial class SyncLog
{
    [LoggerMessage(1000, LogLevel.Information, "Sync of tenant {TenantId} started: run {RunId}, trigger {Trigger}, dry run {DryRun}")]
    public static partial void RunStarted(ILogger logger, string tenantId, string runId, string trigger, bool dryRun);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Tenant {TenantId} run {RunId} read {Employees} employees, {Events} events, {Assignments} confirmed assignments, {Users} users, {Invitations} invitations, {Groups} groups in {ReadMs} ms")]
    public static partial void SnapshotRead(ILogger logger, string tenantId, string runId, int employees, int events, int assignments, int users, int invitations, int groups, long readMs);

    [LoggerMessage(1002, LogLevel.Information, "Tenant {TenantId} run {RunId} planned {Actions} actions in {PlanMs} ms")]
    public static partial void Planned(ILogger logger, string tenantId, string runId, int actions, long planMs);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Sync action {Action} for employee {EmployeeId} on MobieTrain record {MobieTrainId} in tenant {TenantId}: {Outcome} ({Rule})")]
    public static partial void ActionDone(ILogger logger, string tenantId, string action, long? employeeId, string? mobieTrainId, string outcome, string rule);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Sync action {Action} for employee {EmployeeId} on MobieTrain record {MobieTrainId} in tenant {TenantId} failed: {Error}")]
    public static partial void ActionFailed(ILogger logger, string tenantId, string action, long? employeeId, string? mobieTrainId, string error);

    [LoggerMessage(1005, LogLevel.Information, "Employee {EmployeeId} of tenant {TenantId} skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string tenantId, long employeeId, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} run {RunId} holds {Deletions} deletions: more than the threshold {Threshold} for {SyncedPersons} synced persons; an operator must allow deletions")]
    public static partial void DeletionsHeld(ILogger logger, string tenantId, string runId, int deletions, int threshold, int syncedPersons);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information,
        Message = "Sync of tenant {TenantId} finished: run {RunId} status {Status}, dry run {DryRun}, invited {Invited}, updated {Updated}, removed {Removed}, skipped {Skipped}, failed {Failed}, held {Held} in {DurationMs} ms")]
    public static partial void RunFinished(ILogger logger, string tenantId, string runId, string status, bool dryRun, int invited, int updated, int removed, int skipped, int failed, int held, long durationMs);

    [LoggerMessage(1008, LogLevel.Error, "Sync of tenant {TenantId} failed: run {RunId}, {FailureKind}: {Reason}")]
    public static partial void RunFailed(ILogger logger, string tenantId, string runId, string failureKind, string reason);

    [LoggerMessage(1009, LogLevel.Warning, "Tenant {TenantId} run {RunId} stopped applying after a run-level error; the next run finishes the work")]
    public static partial void ApplyAborted(ILogger logger, string tenantId, string runId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information,
        Message = "Tenant {TenantId} run {RunId} is done with {Settled} persons of deletion approval {ApprovalId}; it still covers {Remaining}")]
    public static partial void DeletionApprovalUsed(ILogger logger, string tenantId, string runId, string approvalId, int settled, int remaining);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information,
        Message = "Tenant {TenantId} run {RunId} cleared deletion approval {ApprovalId}: it lapsed at {ExpiresAt} or covered no one")]
    public static partial void DeletionApprovalLapsed(ILogger logger, string tenantId, string runId, string approvalId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error,
        Message = "TenantQuarantined: tenant {TenantId} failed {Failures} runs in a row for a reason a retry cannot fix; it is now tried once a day until it succeeds or an operator clears it: {Reason}")]
    public static partial void TenantQuarantined(ILogger logger, string tenantId, int failures, string reason);

    [LoggerMessage(1012, LogLevel.Warning, "Tenant {TenantId} is out of quarantine: run {RunId} completed")]
    public static partial void QuarantineLifted(ILogger logger, string tenantId, string runId);

    [LoggerMessage(1014, LogLevel.Information, "Tenant {TenantId} run {RunId} spent its time budget after {Writes} writes; continuation {NextRunId}")]
    public static partial void BudgetSpent(ILogger logger, string tenantId, string runId, int writes, string? nextRunId);
}

// Ids only; alerts match on the event ids.
internal static partial class QueueLog
{
    [LoggerMessage(1502, LogLevel.Error, "Queue message {MessageId} (dequeue {DequeueCount}) is malformed and dropped without retry: {Error}")]
    public static partial void MalformedMessage(ILogger logger, string messageId, long dequeueCount, string error);

    [LoggerMessage(1503, LogLevel.Warning, "Run {RunId} of tenant {TenantId} skipped: run {HolderRunId} holds the tenant until {HeldUntil}")]
    public static partial void LeaseBusy(ILogger logger, string tenantId, string runId, string? holderRunId, DateTimeOffset? heldUntil);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning,
        Message = "Run {RunId} of tenant {TenantId} failed transiently (dequeue {DequeueCount}); the queue retries it: {Reason}")]
    public static partial void RetryingRun(ILogger logger, string tenantId, string runId, long dequeueCount, string? reason);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Error,
        Message = "PoisonMessage: run {RunId} of tenant {TenantId} gave up after the queue's retries (message {MessageId}); recorded as failed")]
    public static partial void PoisonMessage(ILogger logger, string tenantId, string runId, string messageId);

    [LoggerMessage(1506, LogLevel.Error, "PoisonMessage: unreadable message {MessageId} reached the poison queue: {Error}")]
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
