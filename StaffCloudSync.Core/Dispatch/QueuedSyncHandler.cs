using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Leases;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync;

namespace StaffCloudSync.Core.Dispatch;

/// <summary>
/// What the queue trigger does with one message: read it (a malformed one is dropped, not retried), take the
/// tenant's lease (a second concurrent run, also a second delivery of the same run, ends <c>Skipped</c> and says why),
/// run the sync with the lease renewed, give the lease back.
/// A failure a retry can help (an outage) is thrown so the queue tries again; any other is only recorded.
/// </summary>
public sealed class QueuedSyncHandler(
    TenantSyncService sync,
    ISyncQueue queue,
    ITenantLeases leases,
    TenantLeaseKeeper keeper,
    RunStore runs,
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
        var handedOver = false;
        try
        {
            var request = message.ToRequest();
            await using (keeper.Keep(message.TenantId, message.RunId, options.Value.LeaseDuration).ConfigureAwait(false))
            {
                outcome = await sync.RunAsync(request, cancellationToken).ConfigureAwait(false);
            }

            if (outcome.Continuation is { } next)
            {
                handedOver = await ContinueAsync(message, next, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!handedOver)
            {
                await leases.ReleaseAsync(message.TenantId, message.RunId, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (outcome.Record.Status == RunStatus.Failed && outcome.Retryable)
        {
            DispatchLog.RetryingRun(logger, message.TenantId, message.RunId, dequeueCount, outcome.Record.Reason);
            throw new SyncRetryException(message.TenantId, message.RunId, outcome.Record.Reason);
        }

        return outcome.Record;
    }

    /// <summary>
    /// Starts the continuation at once: the lease passes to it first (so no other run gets in between), then its message
    /// is queued. If the message cannot be queued the lease is given back, and the next scheduled run goes on.
    /// </summary>
    private async Task<bool> ContinueAsync(SyncMessage message, SyncRequest next, CancellationToken cancellationToken)
    {
        if (!await leases.HandOverAsync(message.TenantId, message.RunId, next.RunId, options.Value.LeaseDuration, CancellationToken.None).ConfigureAwait(false))
        {
            DispatchLog.ContinuationWithoutLease(logger, message.TenantId, message.RunId, next.RunId);
        }

        try
        {
            await queue.EnqueueAsync(SyncMessage.For(next, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await leases.ReleaseAsync(message.TenantId, next.RunId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        DispatchLog.ContinuationQueued(logger, message.TenantId, message.RunId, next.RunId, next.Invocation);
        return true;
    }

    private async Task<RunRecord> RecordSkippedAsync(SyncMessage message, LeaseResult lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var again = lease.IsHeldBy(message.RunId);

        // A second delivery of a running run is recorded beside it, under an id of its own: the running run's record is
        // its own to finish, and must not be replaced by this skip.
        var record = new RunRecord
        {
            TenantId = message.TenantId,
            RunId = again ? $"{message.RunId}-again-{SyncRequest.NewRunId()[..8]}" : message.RunId,
            Trigger = message.Trigger,
            DryRun = message.DryRun,
            StartedAt = now,
            EndedAt = now,
            Status = RunStatus.Skipped,
            Reason = again
                ? $"run {message.RunId} is still running (it holds the tenant until {lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z): this second delivery of its queue message is refused, so it does not run twice at once"
                : $"another run ({lease.HeldByRunId}) of this tenant is in progress, holding it until {lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z; the next scheduled run will catch up",
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
