using Azure.Storage.Queues;

namespace StaffCloudSync.Core.Dispatch;

/// <summary>
/// The queue on the app's storage account. Messages are base64-encoded (set on the client), which is what the
/// Functions queue trigger expects: a plain-text message would land in the poison queue.
/// </summary>
public sealed class StorageSyncQueue(QueueServiceClient service) : ISyncQueue
{
    private readonly Lock _gate = new();
    private Task<QueueClient>? _queue;

    public async Task EnqueueAsync(SyncMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = await QueueAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(message.ToJson(), cancellationToken).ConfigureAwait(false);
    }

    // Created once per process; a failed creation is tried again by the next caller.
    private Task<QueueClient> QueueAsync()
    {
        lock (_gate)
        {
            if (_queue is null || _queue.IsFaulted || _queue.IsCanceled)
            {
                _queue = CreateAsync();
            }

            return _queue;
        }
    }

    private async Task<QueueClient> CreateAsync()
    {
        var client = service.GetQueueClient(SyncMessage.QueueName);
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    }
}
