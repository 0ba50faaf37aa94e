namespace StaffCloudSync.Sandbox.Bench;

/// <summary>
/// The highest value of a memory figure while some work runs, sampled every 20 ms: a figure read only at the end would
/// miss the high-water mark in the middle of a sync.
/// </summary>
internal static class PeakSampler
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static async Task<(T Result, long Peak)> WhileAsync<T>(Func<long> sample, Func<Task<T>> work, long initial = 0)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(work);
        var peak = initial;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), sample()));
                await Task.Delay(Interval, CancellationToken.None).ConfigureAwait(false);
            }
        }, CancellationToken.None);

        try
        {
            var result = await work().ConfigureAwait(false);
            return (result, Interlocked.Read(ref peak));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
        }
    }
}
