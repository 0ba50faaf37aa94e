namespace StaffCloudSync.Functions.Hosting;

/// <summary>Holds the worker's shutdown (up to the host's timeout) until its runs have stopped between writes and queued their
/// continuations: without it the process ends when its gRPC service stops, in the middle of a write.</summary>
public sealed class RunDrain(IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly Lock _gate = new();
    private int _running;

    // Completed once the runs in progress have all left; null before the first run.
    private TaskCompletionSource? _idle;

    /// <summary>Signalled when the worker process is told to stop (SIGTERM), before any hosted service stops.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>One run in progress until the result is disposed.</summary>
    public IDisposable Enter()
    {
        lock (_gate)
        {
            if (_running++ == 0)
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return new Exit(this);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return (_idle?.Task ?? Task.CompletedTask).WaitAsync(cancellationToken);
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_running == 0)
                _idle!.TrySetResult();
        }
    }

    private sealed class Exit(RunDrain drain) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                drain.Leave();
        }
    }
}
