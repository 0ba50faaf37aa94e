namespace StaffCloudSync.Core.Runs;

/// <summary>Where an inline run is, for a live display; phases <c>lease</c>, <c>read</c>, <c>plan</c>, then the applier's below.</summary>
public sealed record RunProgress(string TenantId, int Invocation, string Phase, int WritesDone, int WritesPlanned)
{
    public const string Groups = "apply: groups";
    public const string Removals = "apply: removals";
    public const string Changes = "apply: changes";
    public const string Invitations = "apply: invitations";
}

/// <summary>Carries an inline run's listener to the applier in the async context. Reports come from parallel writes: be thread-safe.</summary>
internal sealed class RunProgressTracker(IProgress<RunProgress> listener, string tenantId, int invocation)
{
    private static readonly AsyncLocal<RunProgressTracker?> Active = new();
    private int _invocation = invocation;
    private string _phase = "lease";
    private int _done;
    private int _planned;

    public static RunProgressTracker? Current => Active.Value;

    // Listens for the rest of the caller's async flow; disposing stops it.
    public static IDisposable? Listen(IProgress<RunProgress>? listener, string tenantId, int invocation)
    {
        if (listener is null)
            return null;

        var previous = Active.Value;
        var tracker = new RunProgressTracker(listener, tenantId, invocation);
        Active.Value = tracker;
        tracker.Send();
        return new Restore(previous);
    }

    public void Phase(int invocation, string phase)
    {
        Volatile.Write(ref _invocation, invocation);
        Volatile.Write(ref _phase, phase);
        Interlocked.Exchange(ref _done, 0);
        Interlocked.Exchange(ref _planned, 0);
        Send();
    }

    public void Applying(int writesPlanned)
    {
        Interlocked.Exchange(ref _planned, writesPlanned);
        Volatile.Write(ref _phase, "apply");
        Send();
    }

    public void Finished(string phase)
    {
        Volatile.Write(ref _phase, phase);
        Interlocked.Increment(ref _done);
        Send();
    }

    private void Send() => listener.Report(new RunProgress(
        tenantId, Volatile.Read(ref _invocation), Volatile.Read(ref _phase), Volatile.Read(ref _done), Volatile.Read(ref _planned)));

    private sealed class Restore(RunProgressTracker? previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}

/// <summary>An inline run with a listener: what the CLI's <c>sync</c> and <c>sandbox run</c> show live on a terminal.</summary>
public static class InlineRunProgress
{
    public static async Task<SyncOutcome> RunInlineAsync(this TenantRunner runner, SyncRequest request,
        Func<SyncRequest, Func<Task<SyncOutcome>>, Task<SyncOutcome>>? around, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        using var listening = RunProgressTracker.Listen(progress, request.TenantId, request.Invocation);
        return await runner.RunInlineAsync(request, RunTelemetry.EachInItsSpan(around), cancellationToken);
    }
}
