using System.Collections.Concurrent;

namespace StaffCloudSync.Tests.Infrastructure;

/// <summary>
/// A clock for back-off waits in tests: every timer fires at once, and the waits asked for are recorded so a
/// test can assert that a <c>Retry-After</c> was honoured without sleeping through it.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
        }

        return base.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
