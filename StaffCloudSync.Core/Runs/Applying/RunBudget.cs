namespace StaffCloudSync.Core.Runs.Applying;

/// <summary>
/// An invocation's time budget, on elapsed time (<see cref="TimeProvider.GetTimestamp"/>) from the run's start: the
/// sandbox's scenario clock stands still during a step, the budget must not. <paramref name="stop"/> ends it early
/// (the host is stopping, the lease is lost): no write starts after it, those in flight finish.
/// </summary>
public sealed class RunBudget(TimeProvider time, long startedTimestamp, TimeSpan budget, CancellationToken stop = default)
{
    public TimeSpan Budget { get; } = budget;

    /// <summary>Stopped from outside: unlike a spent budget, not even the invocation's first write may start.</summary>
    public bool IsStopped => stop.IsCancellationRequested;

    public bool IsSpent => Budget != TimeSpan.MaxValue && time.GetElapsedTime(startedTimestamp) >= Budget;
}
