using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs;

/// <summary>
/// Why a run stops before its plan is done, other than its time budget: the host is stopping (a deployment, a
/// scale-in), or the run lost its lease. Both stop it between writes, never in the middle of one: a write cut off
/// leaves MobieTrain in a state the next run must guess at, a finished one is simply read back.
/// </summary>
internal sealed class RunStop : IDisposable
{
    private readonly CancellationTokenSource _any;
    private readonly CancellationToken _leaseLost;

    public RunStop(CancellationToken hostStopping, CancellationToken leaseLost)
    {
        _leaseLost = leaseLost;
        _any = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, leaseLost);
    }

    /// <summary>Signalled by either cause; what the budget and the reads watch.</summary>
    public CancellationToken Token => _any.Token;

    public bool Stopped => _any.IsCancellationRequested;

    /// <summary>
    /// How the stopped run ends. A lost lease outranks the host: another run may own the tenant now, so no continuation
    /// is queued (a retry or the next run finishes the work). The host's stop hands the tenant to a continuation, exactly
    /// as the time budget does.
    /// </summary>
    public (RunEnd End, SyncRequest? Next) End(SyncRequest request, int writes, ILogger logger)
    {
        var done = $"stopped between writes after {writes.ToString(CultureInfo.InvariantCulture)} writes";
        if (_leaseLost.IsCancellationRequested)
        {
            QueueLog.LeaseLostStopped(logger, request.TenantId, request.RunId, writes);
            return (new RunEnd(RunStatus.Failed,
                $"LeaseLost: the run could not renew its tenant's lease and {done}, so that no other run writes beside it; " +
                "the queue's retry or the next run finishes the work", SyncFailureKind.Unavailable), null);
        }

        var next = request.Continuation();
        QueueLog.HostStopping(logger, request.TenantId, request.RunId, writes, next.RunId);
        return (new RunEnd(RunStatus.Continued,
            $"the host is stopping (a deployment, a scale-in or a restart): {done}; continuation {next.RunId} queued " +
            $"(invocation {next.Invocation.ToString(CultureInfo.InvariantCulture)} of chain {next.ChainId}) with the lease"), next);
    }

    public void Dispose() => _any.Dispose();
}
