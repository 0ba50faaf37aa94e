using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>The sandbox's <c>tenant-sync</c> queue: each message kept with the time it becomes visible on the scenario clock, so
/// that a run queued with a visibility delay (an early run due in 5 minutes) comes due when the scenario's time gets
/// there, not when the machine's does. Taken in order of that time, then of queueing.</summary>
public sealed class ScenarioSyncQueue(TimeProvider clock) : ISyncQueue
{
    private readonly Lock gate = new();
    private readonly List<QueuedRun> queued = [];
    private long sequence;

    public IReadOnlyList<QueuedRun> Pending
    {
        get
        {
            lock (gate)
                return [.. queued.OrderBy(q => q.VisibleAt).ThenBy(q => q.Sequence)];
        }
    }

    public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

    public Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        message = message.WithTraceContext();
        cancellationToken.ThrowIfCancellationRequested();
        var visibleAt = clock.GetUtcNow() + (visibilityDelay > TimeSpan.Zero ? visibilityDelay : TimeSpan.Zero);
        lock (gate)
            queued.Add(new QueuedRun(message, visibleAt, sequence++));

        return Task.CompletedTask;
    }

    /// <summary>The first message visible by <paramref name="until"/>, taken off the queue; null when none is.</summary>
    public QueuedRun? TakeNextDue(DateTimeOffset until)
    {
        lock (gate)
        {
            var next = queued.Where(q => q.VisibleAt <= until).OrderBy(q => q.VisibleAt).ThenBy(q => q.Sequence).FirstOrDefault();
            if (next is not null)
                queued.Remove(next);

            return next;
        }
    }
}

/// <summary>A queued message and when it becomes visible on the scenario clock.</summary>
public sealed record QueuedRun(SyncRequest Message, DateTimeOffset VisibleAt, long Sequence);
