using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Tests.WorkerProcess.WebJobs;

/// <summary>
/// A WebJobs function with the app's queue trigger (queue <c>tenant-sync</c>, connection <c>AzureWebJobsStorage</c>,
/// a <c>QueueMessage</c>), so the SDK's listener treats it as the host treats the app's <c>TenantSync</c>. What it does
/// with a message is the test's <see cref="ListenerProbe.Handle"/>; it records what the listener handed it.
/// </summary>
public sealed class TenantSyncListenerFunction(ListenerProbe probe)
{
    [FunctionName("TenantSync")]
    public async Task RunAsync([QueueTrigger(SyncRequest.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        probe.Received.Enqueue((message.MessageText, message.DequeueCount));
        await probe.Handle(message, cancellationToken);
    }
}

/// <summary>What the function saw, and what it does with each message (set by the test).</summary>
public sealed class ListenerProbe
{
    public ConcurrentQueue<(string Text, long DequeueCount)> Received { get; } = new();

    public Func<QueueMessage, CancellationToken, Task> Handle { get; set; } = (_, _) => Task.CompletedTask;
}
