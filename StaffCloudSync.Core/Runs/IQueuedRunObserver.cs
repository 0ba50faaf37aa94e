namespace StaffCloudSync.Core.Runs;

/// <summary>
/// Told of every queued run as the queue trigger takes up its message: before the tenant's lease, and again when the run
/// is skipped because another run holds the tenant. The early runs count their minimum interval from a run's start, and
/// make a skipped one due again so that the change it was for is not left to the next scheduled run. An interface here,
/// so the queue handling does not depend on what listens.
/// </summary>
public interface IQueuedRunObserver
{
    Task RunStartingAsync(SyncRequest message, CancellationToken cancellationToken);

    /// <summary>The run was not started: <paramref name="heldByRunId"/> holds the tenant (the same id: a second delivery).</summary>
    Task RunSkippedAsync(SyncRequest message, string? heldByRunId, CancellationToken cancellationToken);
}
