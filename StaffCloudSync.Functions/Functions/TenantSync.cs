using Azure.Storage.Queues.Models;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>
/// One tenant's run, from its queue message; retried by the queue only when a retry can help. The host says it stops
/// in two ways, and both stop the run between writes: it cancels the invocation (its <c>InvocationCancel</c>, the
/// function's token), or the worker process itself is told to stop (SIGTERM: the application's stopping token).
/// <see cref="RunDrain"/> is registered by Program.cs; a container without it (one that calls the function directly,
/// with no worker process to stop) has the function's token alone.
/// </summary>
public sealed class TenantSync(TenantRunner runner, RunDrain? drain = null)
{
    [Function(nameof(TenantSync))]
    public async Task RunAsync([QueueTrigger(SyncRequest.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, drain?.Stopping ?? CancellationToken.None);
        using var running = drain?.Enter();

        // The consumer span of the message: the run (its lease, steps, continuation) continues the trace the message carries.
        using var span = SyncRequest.TryParse(message.MessageText, out var request, out _) ? request!.StartRunSpan() : null;
        await runner.RunQueuedAsync(message.MessageText, message.MessageId, message.DequeueCount, stopping.Token);
    }
}
