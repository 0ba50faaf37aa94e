namespace StaffCloudSync.Core.Sync.Applying;

/// <summary>
/// An invocation's time budget, on elapsed time (<see cref="TimeProvider.GetTimestamp"/>) from the run's start: the
/// sandbox's scenario clock stands still during a step, the budget must not.
/// </summary>
public sealed class RunBudget(TimeProvider time, long startedTimestamp, TimeSpan budget)
{
    /// <summary>No budget: the applier never stops early (dry runs, tests of the applier alone).</summary>
    public static RunBudget Unlimited { get; } = new(TimeProvider.System, 0, TimeSpan.MaxValue);

    public TimeSpan Budget { get; } = budget;

    public bool IsSpent => Budget != TimeSpan.MaxValue && time.GetElapsedTime(startedTimestamp) >= Budget;
}
