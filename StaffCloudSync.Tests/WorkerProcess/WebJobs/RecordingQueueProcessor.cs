using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Queues;

namespace StaffCloudSync.Tests.WorkerProcess.WebJobs;

/// <summary>
/// The SDK's own queue processor (its retry and poison decisions untouched) with one substitution: when it releases a
/// failed message for a later retry, the visibility timeout it asks for (host.json's, 5 minutes) is recorded, and the
/// message is made visible again at once instead, so a test sees every retry in seconds. The recorded timeouts are
/// what the test asserts; nothing else of the processor changes.
/// </summary>
internal sealed class RecordingQueueProcessor(QueueProcessorOptions options, ConcurrentQueue<ReleasedMessage> releases) : QueueProcessor(options)
{
    protected override Task ReleaseMessageAsync(QueueMessage message, FunctionResult result, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        releases.Enqueue(new ReleasedMessage(message.MessageId, message.DequeueCount, visibilityTimeout));
        return base.ReleaseMessageAsync(message, result, TimeSpan.Zero, cancellationToken);
    }
}

/// <summary>A failed message the processor released for a retry, with the visibility timeout it asked for.</summary>
internal sealed record ReleasedMessage(string MessageId, long DequeueCount, TimeSpan RequestedVisibilityTimeout);

/// <summary>Creates the recording processor for every queue the listener watches.</summary>
internal sealed class RecordingQueueProcessorFactory : IQueueProcessorFactory
{
    public ConcurrentQueue<ReleasedMessage> Releases { get; } = new();

    public QueueProcessor Create(QueueProcessorOptions queueProcessorOptions) => new RecordingQueueProcessor(queueProcessorOptions, Releases);
}
