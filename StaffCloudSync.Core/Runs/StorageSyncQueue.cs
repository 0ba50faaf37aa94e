using Azure.Storage.Queues;
using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Core.Runs;

/// <summary>The <c>tenant-sync</c> queue: where the timer and the on-demand endpoint put tenant runs.</summary>
public interface ISyncQueue
{
    Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken);

    /// <summary>A run due later: its message stays invisible for <paramref name="visibilityDelay"/> (at most 7 days, the queue's limit).</summary>
    Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken);
}

/// <summary>The queue on the app's storage account. Messages are base64-encoded (set on the client), which is what the
/// Functions queue trigger expects: a plain-text message would land in the poison queue.</summary>
public sealed class StorageSyncQueue(QueueServiceClient service) : ISyncQueue
{
    /// <summary>A message's visibility timeout may not exceed 7 days, nor its time to live (7 days by default).</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    private readonly Ensured<QueueClient> _queue = Queue(service.GetQueueClient(SyncRequest.QueueName));

    public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

    public async Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityDelay, MaxVisibilityDelay);
        var queue = await _queue.GetAsync(cancellationToken);

        // Without a delay the queue's own default (visible at once) applies, as before delayed runs existed.
        TimeSpan? delay = visibilityDelay > TimeSpan.Zero ? visibilityDelay : null;
        await queue.SendMessageAsync(message.WithTraceContext().ToJson(), delay, timeToLive: null, cancellationToken);
    }

    private static Ensured<QueueClient> Queue(QueueClient client) => new(client, token => client.CreateIfNotExistsAsync(cancellationToken: token));
}
