namespace StaffCloudSync.Core.Leases;

/// <summary>
/// Renews a run's tenant lease while the run is active, whatever started it (the queue, the CLI): a run that takes
/// longer than the lease — a large tenant, a slow partner, a CLI run on a laptop — must not let a scheduled run in
/// beside it. Renewed every third of the lease, so two renewals can fail before it lapses.
/// </summary>
public sealed class TenantLeaseKeeper(ITenantLeases leases, TimeProvider time, ILogger<TenantLeaseKeeper> logger)
{
    private ILogger Logger => logger;

    private ITenantLeases Leases => leases;

    private TimeProvider Time => time;

    /// <summary>Starts renewing; disposing the result stops it (the caller releases the lease itself).</summary>
    public IAsyncDisposable Keep(string tenantId, string runId, TimeSpan duration) => new Renewal(this, tenantId, runId, duration);

    private sealed class Renewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Renewal(TenantLeaseKeeper keeper, string tenantId, string runId, TimeSpan duration)
        {
            // The timer starts now, with the run, not whenever the loop gets a thread.
            var timer = new PeriodicTimer(duration / 3, keeper.Time);
            _loop = Task.Run(() => RenewAsync(keeper, tenantId, runId, duration, timer, _stop.Token));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stop.Dispose();
        }

        private static async Task RenewAsync(TenantLeaseKeeper keeper, string tenantId, string runId, TimeSpan duration, PeriodicTimer timer, CancellationToken stop)
        {
            using var owned = timer;
            try
            {
                while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                {
                    try
                    {
                        if (!await keeper.Leases.RenewAsync(tenantId, runId, duration, stop).ConfigureAwait(false))
                        {
                            LeasesLog.Lost(keeper.Logger, tenantId, runId);
                            return;
                        }

                        LeasesLog.Renewed(keeper.Logger, tenantId, runId, keeper.Time.GetUtcNow() + duration);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LeasesLog.RenewFailed(keeper.Logger, tenantId, runId, e.GetType().Name);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The run is over.
            }
        }
    }
}
