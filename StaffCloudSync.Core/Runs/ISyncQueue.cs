namespace StaffCloudSync.Core.Runs;

/// <summary>The <c>tenant-sync</c> queue: where the timer and the on-demand endpoint put tenant runs.</summary>
public interface ISyncQueue
{
    Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken);

    /// <summary>
    /// A run that is due later: the message stays invisible to the queue trigger for <paramref name="visibilityDelay"/>
    /// (at most 7 days, the queue's limit), so the run starts at its due time without anything waiting for it.
    /// </summary>
    Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken);
}
