using Azure.Storage.Queues;

namespace StaffCloudSync.Core.Runs;

/// <summary>
/// The queue on the app's storage account. Messages are base64-encoded (set on the client), which is what the
/// Functions queue trigger expects: a plain-text message would land in the poison queue.
/// </summary>
public sealed class StorageSyncQueue(QueueServiceClient service) : ISyncQueue
{
    /// <summary>A message's visibility timeout may not exceed 7 days, nor its time to live (7 days by default).</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private Task<QueueClient>? _queue;

    public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

    public async Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityDelay, MaxVisibilityDelay);
        message = message.WithTraceContext();
        var queue = await QueueAsync().WaitAsync(cancellationToken);

        // Without a delay the queue's own default (visible at once) applies, as before delayed runs existed.
        TimeSpan? delay = visibilityDelay > TimeSpan.Zero ? visibilityDelay : null;
        await queue.SendMessageAsync(message.ToJson(), delay, timeToLive: null, cancellationToken);
    }

    // Created once per process; a failed creation is tried again by the next caller.
    private Task<QueueClient> QueueAsync()
    {
        lock (_gate)
        {
            if (_queue is null || _queue.IsFaulted || _queue.IsCanceled)
                _queue = CreateAsync();

            return _queue;
        }
    }

    private async Task<QueueClient> CreateAsync()
    {
        var client = service.GetQueueClient(SyncRequest.QueueName);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
