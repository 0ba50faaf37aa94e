using Azure.Storage.Queues.Models;

namespace StaffCloudSync.Sandbox.Bench;

public sealed record FleetRun(string TenantId, RunStatus? Status, TimeSpan Started, TimeSpan Ended, string? Error);

/// <summary>The Functions instances' queue triggers in this process. A thrown run is recorded as failed and deleted, not left for
/// the queue's retry: the suite judges that no tenant failed, and a retry would only hide it.</summary>
public sealed class FleetPool(IReadOnlyList<IServiceProvider> instances, int perInstanceConcurrency)
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(5); // host.json

    // Short, unlike the host's back-off up to 10 s: an idle poll at the end would only add to the measured time.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentBag<FleetRun> _runs = [];
    private long _reserved;
    private long _idlePolls;

    // Receives that found the queue empty: transactions the host's back-off would space out further.
    public long IdlePolls => Interlocked.Read(ref _idlePolls);

    // Until the dispatch has finished, the queue is empty and no run is in flight.
    public async Task<IReadOnlyList<FleetRun>> DrainAsync(Task dispatch, Stopwatch since, CancellationToken cancellationToken)
    {
        await Task.WhenAll(instances.Select(i => InstanceAsync(i, dispatch, since, cancellationToken)));
        return [.. _runs.OrderBy(r => r.Ended)];
    }

    private async Task InstanceAsync(IServiceProvider instance, Task dispatch, Stopwatch since, CancellationToken cancellationToken)
    {
        var runner = instance.GetRequiredService<TenantRunner>();
        var queue = instance.GetRequiredService<QueueServiceClient>().GetQueueClient(SyncRequest.QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var slots = new SemaphoreSlim(perInstanceConcurrency);
        var running = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            await slots.WaitAsync(cancellationToken);
            var free = 1;
            while (free < 32 && slots.Wait(0))
                free++;

            // Reserved first, so no other instance sees the queue empty and nothing in flight while this one holds a message.
            Interlocked.Add(ref _reserved, free);
            var dispatched = dispatch.IsCompleted;
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(free, VisibilityTimeout, cancellationToken);
            if (free > messages.Length)
                slots.Release(free - messages.Length);

            var inFlight = Interlocked.Add(ref _reserved, -(free - messages.Length));
            if (messages.Length == 0)
            {
                Interlocked.Increment(ref _idlePolls);
                if (dispatched && inFlight == 0)
                    break;

                await Task.Delay(IdlePoll, cancellationToken);
                continue;
            }

            foreach (var message in messages)
                running.Add(Task.Run(() => HandleAsync(runner, queue, message, since, slots), CancellationToken.None));

            running.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(running);
    }

    private async Task HandleAsync(TenantRunner runner, QueueClient queue, QueueMessage message, Stopwatch since, SemaphoreSlim slots)
    {
        var started = since.Elapsed;
        var tenant = SyncRequest.TryParse(message.MessageText, out var request, out _) ? request!.TenantId : "?";
        try
        {
            var record = await runner.RunQueuedAsync(message.MessageText, message.MessageId, message.DequeueCount, CancellationToken.None);
            _runs.Add(new FleetRun(tenant, record?.Status, started, since.Elapsed,
                record?.Status is RunStatus.Failed or RunStatus.Skipped ? record.Reason : null));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _runs.Add(new FleetRun(tenant, RunStatus.Failed, started, since.Elapsed, e.Message));
        }
        finally
        {
            try
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            finally
            {
                Interlocked.Decrement(ref _reserved);
                slots.Release();
            }
        }
    }
}
