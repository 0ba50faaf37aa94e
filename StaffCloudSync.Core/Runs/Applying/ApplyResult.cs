using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs.Applying;

/// <summary>
/// What applying a plan did: counts of what succeeded, the records MobieTrain refused, and — when a run-level
/// error stopped it — that error (the rest of the plan was not attempted). <see cref="Completed"/> lists the writes
/// that succeeded, so that an approval of deletions keeps exactly the persons not yet deleted.
/// </summary>
public sealed record ApplyResult(SyncCounts Counts, IReadOnlyList<RecordFailure> Failures, Exception? RunLevelError, IReadOnlyList<SyncAction> Completed)
{
    /// <summary>The time budget was spent before the plan was done: the rest is for the continuation.</summary>
    public bool BudgetSpent { get; init; }

    /// <summary>A dry run: the plan's counts, as if every write had succeeded; nothing was written.</summary>
    public static ApplyResult DryRun(SyncPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ApplyResult(plan.PlannedCounts(), [], null, []);
    }
}
