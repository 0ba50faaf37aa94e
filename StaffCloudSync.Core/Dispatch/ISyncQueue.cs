namespace StaffCloudSync.Core.Dispatch;

/// <summary>The <c>tenant-sync</c> queue: where the timer and the on-demand endpoint put tenant runs.</summary>
public interface ISyncQueue
{
    Task EnqueueAsync(SyncMessage message, CancellationToken cancellationToken);
}
