namespace StaffCloudSync.Core.Runs;

/// <summary>Told of every queued run before the tenant's lease, and again when it is skipped because another run holds the
/// tenant (the early runs listen). An interface here, so the queue handling does not depend on what listens.</summary>
public interface IQueuedRunObserver
{
    Task RunStartingAsync(SyncRequest message, CancellationToken cancellationToken);

    /// <summary>The run was not started: <paramref name="heldByRunId"/> holds the tenant (the same id: a second delivery).</summary>
    Task RunSkippedAsync(SyncRequest message, string? heldByRunId, CancellationToken cancellationToken);
}
