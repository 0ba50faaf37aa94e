namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// One account's request budget: at most N requests per one-second window, measured on the clock's timestamps
/// (elapsed time, which moves also while a scenario's "now" stands still). Guarded by the account's lock.
/// </summary>
internal sealed class AccountRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private long _windowStart;
    private bool _started;
    private int _count;

    /// <summary>Null when the request may go on; otherwise the whole seconds (at least 1) to put in <c>Retry-After</c>.</summary>
    public int? TryAcquire(TimeProvider clock, int limitPerSecond)
    {
        var now = clock.GetTimestamp();
        var elapsed = _started ? clock.GetElapsedTime(_windowStart, now) : Window;
        if (elapsed >= Window)
        {
            _windowStart = now;
            _started = true;
            _count = 0;
            elapsed = TimeSpan.Zero;
        }

        if (_count < limitPerSecond)
        {
            _count++;
            return null;
        }

        return Math.Max(1, (int)Math.Ceiling((Window - elapsed).TotalSeconds));
    }
}
