namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>A tenant's rate limit: at most <see cref="Requests"/> per fixed <see cref="Window"/>, then 429 until it resets.</summary>
public sealed record StaffCloudQuota(int Requests, TimeSpan Window)
{
    /// <summary>What the headers report when no quota is set: a limit no scenario reaches, so a client never waits for it.</summary>
    internal static StaffCloudQuota Off { get; } = new(100_000, TimeSpan.FromMinutes(1));
}

/// <summary>What the rate-limit headers of one answer say.</summary>
internal readonly record struct StaffCloudQuotaState(bool Allowed, int Limit, int Remaining, long ResetSeconds);

/// <summary>One tenant's current window; thread-safe.</summary>
internal sealed class StaffCloudQuotaWindow
{
    private readonly Lock _gate = new();
    private DateTimeOffset _start = DateTimeOffset.MinValue;
    private int _used;

    /// <summary>Counts a request against the quota, unless the window is used up.</summary>
    public StaffCloudQuotaState Take(StaffCloudQuota? quota, DateTimeOffset now) => Evaluate(quota, now, take: true);

    /// <summary>The state without counting (for answers the simulator makes up: faults, outages).</summary>
    public StaffCloudQuotaState Peek(StaffCloudQuota? quota, DateTimeOffset now) => Evaluate(quota, now, take: false);

    private StaffCloudQuotaState Evaluate(StaffCloudQuota? quota, DateTimeOffset now, bool take)
    {
        var effective = quota ?? StaffCloudQuota.Off;
        lock (_gate)
        {
            if (now >= _start + effective.Window || now < _start)
            {
                _start = now;
                _used = 0;
            }

            var allowed = _used < effective.Requests;
            if (take && allowed)
            {
                _used++;
            }

            // Seconds to wait, rounded up: the small-number form of X-Rate-Limit-Reset seen in live use.
            var reset = (long)Math.Ceiling((_start + effective.Window - now).TotalSeconds);
            return new StaffCloudQuotaState(allowed || !take, effective.Requests, Math.Max(0, effective.Requests - _used), Math.Max(reset, 0));
        }
    }
}
