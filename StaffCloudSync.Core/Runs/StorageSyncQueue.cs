using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Core.Runs;

public interface ISyncQueue
{
    Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken);

    Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken);
}

// Messages are base64-encoded (set on the client): the Functions queue trigger would send a plain-text one to the poison queue.
public sealed class StorageSyncQueue(QueueServiceClient service) : ISyncQueue
{
    // A message's visibility timeout may not exceed 7 days, nor its time to live.
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    private readonly Ensured<QueueClient> _queue = Queue(service.GetQueueClient(SyncRequest.QueueName));

    public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

    public async Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityDelay, MaxVisibilityDelay);
        var queue = await _queue.GetAsync(cancellationToken);

        TimeSpan? delay = visibilityDelay > TimeSpan.Zero ? visibilityDelay : null;
        await queue.SendMessageAsync(message.WithTraceContext().ToJson(), delay, timeToLive: null, cancellationToken);
    }

    private static Ensured<QueueClient> Queue(QueueClient client) => new(client, token => client.CreateIfNotExistsAsync(cancellationToken: token));
}
