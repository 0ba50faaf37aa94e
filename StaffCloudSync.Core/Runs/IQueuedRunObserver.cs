namespace StaffCloudSync.Core.Runs;

/// <summary>Told of every queued run before the lease, and when it is skipped; keeps Runs from depending on Scheduling.</summary>
public interface IQueuedRunObserver
{
    Task RunStartingAsync(SyncRequest message, CancellationToken cancellationToken);

    Task RunSkippedAsync(SyncRequest message, string? heldByRunId, CancellationToken cancellationToken);
}
