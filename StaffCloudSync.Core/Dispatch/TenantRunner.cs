using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Leases;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync;

namespace StaffCloudSync.Core.Dispatch;

/// <summary>
/// The owner of a tenant's run: takes the request through lease → context → read → plan → apply → record, then on to
/// its continuation or hands the tenant over to it. The queue function (<see cref="RunQueuedAsync"/>), the CLI's
/// <c>sync</c> and the sandbox (<see cref="RunInlineAsync"/>) all come here, so there is one lease-and-continuation
/// path. A second concurrent run of a tenant, also a second delivery of the same run, ends <c>Skipped</c> and says why.
/// </summary>
public sealed class TenantRunner(
    TenantSyncService sync,
    ISyncQueue queue,
    ITenantLeases leases,
    TenantLeaseKeeper keeper,
    IRunStore runs,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<TenantRunner> logger,
    IEnumerable<IQueuedRunObserver>? observers = null)
{
    private TimeSpan LeaseDuration => options.Value.LeaseDuration;

    /// <summary>
    /// One queue message: a malformed one is dropped, not retried; a continuation is queued as its own message with the
    /// lease handed to it. A failure a retry can help (an outage) is thrown so the queue tries again; any other is only
    /// recorded.
    /// </summary>
    public async Task<RunRecord?> RunQueuedAsync(string messageText, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        if (!SyncRequest.TryParse(messageText, out var message, out var error))
        {
            DispatchLog.MalformedMessage(logger, messageId, dequeueCount, error!);
            return null;
        }

        foreach (var observer in observers ?? [])
        {
            await observer.RunStartingAsync(message!, cancellationToken).ConfigureAwait(false);
        }

        var lease = await leases.TryAcquireAsync(message!.TenantId, message.RunId, LeaseDuration, cancellationToken).ConfigureAwait(false);
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
            outcome = await RunLeasedAsync(message, message.RunId, cancellationToken).ConfigureAwait(false);
            if (outcome.Continuation is { } next)
            {
                handedOver = await HandOverAsync(message, next, cancellationToken).ConfigureAwait(false);
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
    /// A run in this process (the CLI, the sandbox): the lease is taken once under the first run id, renewed, and given
    /// back at the end, even when interrupted; a run that stops at its time budget goes on here at once, each invocation
    /// its own run. <paramref name="around"/> wraps each invocation (the CLI shows and prints it, the sandbox counts its
    /// requests). Returns the chain's last outcome; a busy tenant is not waited for (<see cref="TenantBusyException"/>).
    /// </summary>
    public async Task<SyncOutcome> RunInlineAsync(
        SyncRequest request, Func<SyncRequest, Func<Task<SyncOutcome>>, Task<SyncOutcome>>? around, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var leaseRunId = request.RunId;
        var lease = await leases.TryAcquireAsync(request.TenantId, leaseRunId, LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (!lease.Acquired)
        {
            throw new TenantBusyException(request.TenantId, lease);
        }

        try
        {
            while (true)
            {
                var current = request;
                var outcome = around is null
                    ? await RunLeasedAsync(current, leaseRunId, cancellationToken).ConfigureAwait(false)
                    : await around(current, () => RunLeasedAsync(current, leaseRunId, cancellationToken)).ConfigureAwait(false);
                if (outcome.Continuation is not { } next)
                {
                    return outcome;
                }

                request = next;
            }
        }
        finally
        {
            // Given back even when the run was interrupted: the next run must not wait out the lease.
            await leases.ReleaseAsync(request.TenantId, leaseRunId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>One invocation under the lease <paramref name="leaseRunId"/> holds, renewed while it is active.</summary>
    private async Task<SyncOutcome> RunLeasedAsync(SyncRequest request, string leaseRunId, CancellationToken cancellationToken)
    {
        await using (keeper.Keep(request.TenantId, leaseRunId, LeaseDuration).ConfigureAwait(false))
        {
            return await sync.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the continuation at once: the lease passes to it first (so no other run gets in between), then its message
    /// is queued. If the message cannot be queued the lease is given back, and the next scheduled run goes on.
    /// </summary>
    private async Task<bool> HandOverAsync(SyncRequest message, SyncRequest next, CancellationToken cancellationToken)
    {
        if (!await leases.HandOverAsync(message.TenantId, message.RunId, next.RunId, LeaseDuration, CancellationToken.None).ConfigureAwait(false))
        {
            DispatchLog.ContinuationWithoutLease(logger, message.TenantId, message.RunId, next.RunId);
        }

        try
        {
            await queue.EnqueueAsync(next with { RequestedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await leases.ReleaseAsync(message.TenantId, next.RunId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        DispatchLog.ContinuationQueued(logger, message.TenantId, message.RunId, next.RunId, next.Invocation);
        return true;
    }

    private async Task<RunRecord> RecordSkippedAsync(SyncRequest message, LeaseResult lease, CancellationToken cancellationToken)
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

/// <summary>An inline run found its tenant held by another run; it is not waited for.</summary>
public sealed class TenantBusyException : Exception
{
    public TenantBusyException(string tenantId, LeaseResult lease)
        : base($"tenant '{tenantId}' is busy: run {lease?.HeldByRunId ?? "?"} holds it until {lease?.HeldUntil:yyyy-MM-dd HH:mm:ss}Z")
    {
        TenantId = tenantId;
        Lease = lease;
    }

    public TenantBusyException() { }

    public TenantBusyException(string message) : base(message) { }

    public TenantBusyException(string message, Exception innerException) : base(message, innerException) { }

    public string? TenantId { get; }

    public LeaseResult? Lease { get; }
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
