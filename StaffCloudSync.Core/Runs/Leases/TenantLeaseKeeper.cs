namespace StaffCloudSync.Core.Runs.Leases;

/// <summary>Renews a run's lease every third of its duration; a renewal that fails or finds it gone signals Lost: write no more.</summary>
public sealed class TenantLeaseKeeper(ITenantLeases leases, TimeProvider time, ILogger<TenantLeaseKeeper> logger)
{
    // Disposing the result stops renewing; the caller releases the lease itself.
    public LeaseRenewal Keep(string tenantId, string runId, TimeSpan duration)
    {
        // The timer starts now, with the run, not whenever the loop gets a thread.
        var timer = new PeriodicTimer(duration / 3, time);
        return new LeaseRenewal((lost, stop) => RenewAsync(tenantId, runId, duration, timer, lost, stop));
    }

    private async Task RenewAsync(
        string tenantId, string runId, TimeSpan duration, PeriodicTimer timer, CancellationTokenSource lost, CancellationToken stop)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (!await leases.RenewAsync(tenantId, runId, duration, stop))
                    {
                        await lost.CancelAsync();
                        LeasesLog.Lost(logger, tenantId, runId);
                        return;
                    }

                    LeasesLog.Renewed(logger, tenantId, runId, time.GetUtcNow() + duration);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Whether the lease still holds is unknown: the run stops writing as if it were lost.
                    await lost.CancelAsync();
                    LeasesLog.RenewFailed(logger, tenantId, runId, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public sealed class LeaseRenewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _lost = new();
        private readonly Task _loop;

        internal LeaseRenewal(Func<CancellationTokenSource, CancellationToken, Task> renew) => _loop = Task.Run(() => renew(_lost, _stop.Token));

        public CancellationToken Lost => _lost.Token;

        // _lost is not disposed: a run may still hold Lost in a linked source; an undisposed source without a timer costs nothing.
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}

// Event ids 1510–1519: tenant and run ids only.
internal static partial class LeasesLog
{
    [LoggerMessage(EventId = 1510, Level = LogLevel.Debug, Message = "Lease of tenant {TenantId} renewed for run {RunId} until {ExpiresAt}")]
    public static partial void Renewed(ILogger logger, string tenantId, string runId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Lease of tenant {TenantId} could not be renewed for run {RunId} ({Error}); the run stops writing, renewals go on until it ends")]
    public static partial void RenewFailed(ILogger logger, string tenantId, string runId, string error);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Error,
        Message = "Lease of tenant {TenantId} is no longer held by run {RunId} (it expired and another run took it, or it was released); no longer renewed")]
    public static partial void Lost(ILogger logger, string tenantId, string runId);
}
