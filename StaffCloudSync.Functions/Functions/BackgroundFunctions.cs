using Azure.Storage.Queues.Models;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Scheduling;
using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>Twice a day (<c>SyncSchedule</c>): one queue message per enabled tenant.</summary>
public sealed class ScheduledDispatch(TenantDispatcher dispatcher)
{
    [Function(nameof(ScheduledDispatch))]
    public Task RunAsync([TimerTrigger("%SyncSchedule%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(timer.IsPastDue, cancellationToken);
}

/// <summary>One tenant's run, from its queue message. Both ways the host stops it stop the run between writes: the function's
/// token (<c>InvocationCancel</c>) and SIGTERM (<see cref="RunDrain"/>'s, absent when a test calls the function directly).</summary>
public sealed class TenantSync(TenantRunner runner, RunDrain? drain = null)
{
    [Function(nameof(TenantSync))]
    public async Task RunAsync([QueueTrigger(SyncRequest.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, drain?.Stopping ?? CancellationToken.None);
        using var running = drain?.Enter();

        // The consumer span of the message: the run (its lease, steps, continuation) continues the trace the message carries.
        using var span = SyncRequest.TryParse(message.MessageText, out var request, out _) ? request!.StartRunSpan() : null;
        await runner.RunQueuedAsync(message.MessageText, message.MessageId, message.DequeueCount, stopping.Token);
    }
}

/// <summary>Runs the queue gave up on: recorded against the tenant and logged for the alert.</summary>
public sealed class TenantSyncPoison(PoisonHandler handler)
{
    [Function(nameof(TenantSyncPoison))]
    public Task RunAsync([QueueTrigger(SyncRequest.PoisonQueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message.MessageText, message.MessageId, cancellationToken);
}
