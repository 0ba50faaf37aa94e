namespace StaffCloudSync.Core.Dispatch;

/// <summary>
/// Told of every queued run as the queue trigger takes up its message, before the tenant's lease: the early-run schedule
/// counts its minimum interval from the start of a notification-triggered run, and lets later notifications plan the
/// next one. An interface here, so the queue handling does not depend on what listens.
/// </summary>
public interface IQueuedRunObserver
{
    Task RunStartingAsync(SyncMessage message, CancellationToken cancellationToken);
}
