namespace StaffCloudSync.Core.Runs;

/// <summary>Where an inline run is, for a live display: the invocation of its chain, its phase (<c>lease</c>, <c>read</c>,
/// <c>plan</c>, <c>apply: groups</c>, <c>apply: removals</c>, <c>apply: changes</c>, <c>apply: invitations</c>) and
/// the writes of this invocation finished (done or failed) of those its plan holds.</summary>
public sealed record RunProgress(string TenantId, int Invocation, string Phase, int WritesDone, int WritesPlanned)
{
    /// <summary>The applier's phases, in its order, as progress names them.</summary>
    public const string Groups = "apply: groups";
    public const string Removals = "apply: removals";
    public const string Changes = "apply: changes";
    public const string Invitations = "apply: invitations";
}

/// <summary>Carries the listener of an inline run down to the applier. It flows with the run's async context rather than through
/// the run owner's and the applier's signatures: the queue's runs have no listener, and each inline run (several at once
/// in a bench) sees only its own. Reports come from the applier's parallel writes, so the listener must be thread-safe.</summary>
internal sealed class RunProgressTracker
{
    private static readonly AsyncLocal<RunProgressTracker?> Active = new();

    private readonly IProgress<RunProgress> _listener;
    private readonly string _tenantId;
    private int _invocation;
    private string _phase = "lease";
    private int _done;
    private int _planned;

    private RunProgressTracker(IProgress<RunProgress> listener, string tenantId, int invocation)
        => (_listener, _tenantId, _invocation) = (listener, tenantId, invocation);

    /// <summary>Null on the queue's runs and when no one listens.</summary>
    public static RunProgressTracker? Current => Active.Value;

    /// <summary>Listens for the rest of the caller's async flow; disposing stops it.</summary>
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

    /// <summary>A phase before the writes; a new invocation starts again from none done.</summary>
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

    /// <summary>A write of <paramref name="phase"/> finished, done or failed: either way one fewer to wait for.</summary>
    public void Finished(string phase)
    {
        Volatile.Write(ref _phase, phase);
        Interlocked.Increment(ref _done);
        Send();
    }

    private void Send() => _listener.Report(new RunProgress(
        _tenantId, Volatile.Read(ref _invocation), Volatile.Read(ref _phase), Volatile.Read(ref _done), Volatile.Read(ref _planned)));

    private sealed class Restore(RunProgressTracker? previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}

/// <summary>An inline run with a listener: what the CLI's <c>sync</c> and <c>sandbox run</c> show live on a terminal.</summary>
public static class InlineRunProgress
{
    /// <summary><see cref="TenantRunner.RunInlineAsync"/> with <paramref name="progress"/> told of each phase and finished write.</summary>
    public static async Task<SyncOutcome> RunInlineAsync(this TenantRunner runner, SyncRequest request,
        Func<SyncRequest, Func<Task<SyncOutcome>>, Task<SyncOutcome>>? around, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        using var listening = RunProgressTracker.Listen(progress, request.TenantId, request.Invocation);
        return await runner.RunInlineAsync(request, RunTelemetry.EachInItsSpan(around), cancellationToken);
    }
}
