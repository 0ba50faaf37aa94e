namespace StaffCloudSync.Core.Runs.Leases;

/// <summary>
/// Renews a run's tenant lease while the run is active, whatever started it (the queue, the CLI): a run that takes
/// longer than the lease — a large tenant, a slow partner, a CLI run on a laptop — must not let a scheduled run in
/// beside it. Renewed every third of the lease. A renewal that fails or finds the lease gone signals
/// <see cref="LeaseRenewal.Lost"/> at once: the run can no longer prove the tenant is its own, so it must not write on.
/// </summary>
public sealed class TenantLeaseKeeper(ITenantLeases leases, TimeProvider time, ILogger<TenantLeaseKeeper> logger)
{
    private ILogger Logger => logger;

    private ITenantLeases Leases => leases;

    private TimeProvider Time => time;

    /// <summary>Starts renewing; disposing the result stops it (the caller releases the lease itself).</summary>
    public LeaseRenewal Keep(string tenantId, string runId, TimeSpan duration) => new(this, tenantId, runId, duration);

    /// <summary>One run's renewals; <see cref="Lost"/> is signalled when one of them failed or found the lease gone.</summary>
    public sealed class LeaseRenewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _lost = new();
        private readonly Task _loop;

        internal LeaseRenewal(TenantLeaseKeeper keeper, string tenantId, string runId, TimeSpan duration)
        {
            // The timer starts now, with the run, not whenever the loop gets a thread.
            var timer = new PeriodicTimer(duration / 3, keeper.Time);
            Lost = _lost.Token;
            _loop = Task.Run(() => RenewAsync(keeper, tenantId, runId, duration, timer, _stop.Token));
        }

        public CancellationToken Lost { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();

            // Not disposed: a run may still hold Lost in a linked source; an undisposed source without a timer costs nothing.
        }

        private async Task RenewAsync(TenantLeaseKeeper keeper, string tenantId, string runId, TimeSpan duration, PeriodicTimer timer, CancellationToken stop)
        {
            using var owned = timer;
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    try
                    {
                        if (!await keeper.Leases.RenewAsync(tenantId, runId, duration, stop))
                        {
                            await _lost.CancelAsync();
                            LeasesLog.Lost(keeper.Logger, tenantId, runId);
                            return;
                        }

                        LeasesLog.Renewed(keeper.Logger, tenantId, runId, keeper.Time.GetUtcNow() + duration);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Whether the lease still holds is unknown: the run stops writing as if it were lost.
                        await _lost.CancelAsync();
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
