using Azure.Storage.Queues.Models;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Functions.Functions;

/// <summary>Runs the queue gave up on: recorded against the tenant and logged for the alert.</summary>
public sealed class TenantSyncPoison(PoisonHandler handler)
{
    [Function(nameof(TenantSyncPoison))]
    public Task RunAsync([QueueTrigger(SyncRequest.PoisonQueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message.MessageText, message.MessageId, cancellationToken);
}
