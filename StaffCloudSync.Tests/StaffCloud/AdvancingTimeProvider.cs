using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>
/// A back-off clock whose waits return at once but move its "now" forward by the wait, for tests where the server's
/// rate-limit window must see the time the client waited (the simulator's <c>RateLimitClock</c> shares it).
/// </summary>
internal sealed class AdvancingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _now = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override DateTimeOffset GetUtcNow() => _now.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return base.CreateTimer(callback, state, dueTime, Timeout.InfiniteTimeSpan);
        }

        Waits.Enqueue(dueTime);
        _now.Advance(dueTime);
        return base.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
