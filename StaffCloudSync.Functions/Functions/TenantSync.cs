using Azure.Storage.Queues.Models;
using StaffCloudSync.Core.Dispatch;
using StaffCloudSync.Core.Sync;

namespace StaffCloudSync.Functions.Functions;

/// <summary>One tenant's run, from its queue message; retried by the queue only when a retry can help.</summary>
public sealed class TenantSync(TenantRunner runner)
{
    [Function(nameof(TenantSync))]
    public Task RunAsync([QueueTrigger(SyncRequest.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return runner.RunQueuedAsync(message.MessageText, message.MessageId, message.DequeueCount, cancellationToken);
    }
}
