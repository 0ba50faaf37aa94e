using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs;

/// <summary>A message delivered again while its own run holds the tenant: its instance died (docs/decisions.md, "lease hand-back").</summary>
internal sealed class LeaseHandBack(ITenantLeases leases, ISyncQueue queue, RunStore runs, TimeProvider time, ILogger logger)
{
    // Past the lease's end, for clocks that do not quite agree.
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    public async Task<RunRecord> DeferAsync(SyncRequest request, LeaseResult lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var remaining = lease.HeldUntil is { } until && until > now ? until - now : TimeSpan.Zero;
        var delay = TimeSpan.FromTicks(Math.Min((remaining + Margin).Ticks, StorageSyncQueue.MaxVisibilityDelay.Ticks));
        var next = request.Continuation();

        // Queued before the lease moves: if queuing fails, this message is retried and finds the lease as it was.
        await queue.EnqueueAsync(next with { RequestedAt = now }, delay, cancellationToken);

        // Should the old run be alive after all, its next renewal fails and it stops writing before the continuation is visible.
        if (!await leases.HandOverAsync(request.TenantId, request.RunId, next.RunId, delay, CancellationToken.None))
            QueueLog.ContinuationWithoutLease(logger, request.TenantId, request.RunId, next.RunId);

        QueueLog.RedeliveryDeferred(logger, request.TenantId, request.RunId, next.RunId, now + delay);
        var reason = $"the instance running it stopped without warning (its queue message came back while it still held the tenant until " +
            $"{lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z); continuation {next.RunId} queued, due when the lease lapses at {now + delay:yyyy-MM-dd HH:mm:ss}Z";
        var dead = await runs.GetAsync(request.TenantId, request.RunId, cancellationToken);
        if (dead is not null && dead.Status != RunStatus.Running)
            return dead;

        var record = RunRecorder.EndedFor(request, dead, now, now, new RunEnd(RunStatus.Continued, reason));
        await runs.WriteAsync(record, cancellationToken);
        return record;
    }
}
