using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Leases;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync;

namespace StaffCloudSync.Core.Dispatch;

/// <summary>
/// What the queue trigger does with one message: read it (a malformed one is dropped, not retried), take the
/// tenant's lease (a second concurrent run ends <c>Skipped</c> and says why), run the sync, give the lease back.
/// A failure a retry can help (an outage) is thrown so the queue tries again; any other is only recorded.
/// </summary>
public sealed class QueuedSyncHandler(
    TenantSyncService sync,
    ITenantLeases leases,
    IRunStore runs,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<QueuedSyncHandler> logger,
    IEnumerable<IQueuedRunObserver>? observers = null)
{
    public async Task<RunRecord?> HandleAsync(string messageText, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        if (!SyncMessage.TryParse(messageText, out var message, out var error))
        {
            DispatchLog.MalformedMessage(logger, messageId, dequeueCount, error!);
            return null;
        }

        foreach (var observer in observers ?? [])
        {
            await observer.RunStartingAsync(message!, cancellationToken).ConfigureAwait(false);
        }

        var lease = await leases.TryAcquireAsync(message!.TenantId, message.RunId, options.Value.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (!lease.Acquired)
        {
            DispatchLog.LeaseBusy(logger, message.TenantId, message.RunId, lease.HeldByRunId, lease.HeldUntil);
            var skipped = await RecordSkippedAsync(message, lease, cancellationToken).ConfigureAwait(false);
            foreach (var observer in observers ?? [])
            {
                await observer.RunSkippedAsync(message, lease.HeldByRunId, cancellationToken).ConfigureAwait(false);
            }

            return skipped;
        }

        SyncOutcome outcome;
        try
        {
            outcome = await sync.RunAsync(new SyncRequest(message.TenantId, message.RunId, message.Trigger, message.DryRun), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await leases.ReleaseAsync(message.TenantId, message.RunId, CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome.Record.Status == RunStatus.Failed && outcome.Retryable)
        {
            DispatchLog.RetryingRun(logger, message.TenantId, message.RunId, dequeueCount, outcome.Record.Reason);
            throw new SyncRetryException(message.TenantId, message.RunId, outcome.Record.Reason);
        }

        return outcome.Record;
    }

    private async Task<RunRecord> RecordSkippedAsync(SyncMessage message, LeaseResult lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new RunRecord
        {
            TenantId = message.TenantId,
            RunId = message.RunId,
            Trigger = message.Trigger,
            DryRun = message.DryRun,
            StartedAt = now,
            EndedAt = now,
            Status = RunStatus.Skipped,
            Reason = $"another run ({lease.HeldByRunId}) of this tenant is in progress, holding it until {lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z; the next scheduled run will catch up",
        };
        await runs.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }
}

/// <summary>Thrown to make the queue retry a run that failed for a reason a retry can help.</summary>
public sealed class SyncRetryException : Exception
{
    public SyncRetryException(string tenantId, string runId, string? reason)
        : base($"run {runId} of tenant '{tenantId}' failed transiently and is retried by the queue: {reason}")
    {
    }

    public SyncRetryException() { }

    public SyncRetryException(string message) : base(message) { }

    public SyncRetryException(string message, Exception innerException) : base(message, innerException) { }
}
