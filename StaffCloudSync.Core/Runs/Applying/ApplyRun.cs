using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Telemetry;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs.Applying;

/// <summary>One apply: a phase's writes in parallel, and what each outcome means (a record's failure, an outage, a run-level error).</summary>
internal sealed class ApplyRun(
    MobieTrainWriteTarget target, int parallelism, int maxConsecutiveTransient, RunBudget budget, ILogger logger, CancellationToken cancellationToken)
    : IDisposable
{
    private int _started;
    private volatile bool _budgetSpent;
    private readonly ConcurrentQueue<RecordFailure> _failures = new();
    private readonly ConcurrentQueue<SyncAction> _completed = new();
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private Exception? _runLevelError;
    private int _consecutiveTransient;
    private string _phase = string.Empty;
    public SyncCounter Counter { get; } = new();

    public async Task PhaseAsync<T>(string phase, IEnumerable<T> actions, Func<T, CancellationToken, Task> write) where T : SyncAction
    {
        if (_runLevelError is not null || _budgetSpent)
            return;

        // Phases run one after another, so the writes of this one read the name set here.
        _phase = phase;

        using var span = SyncTelemetry.StartApplyPhase(write.Method.Name);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = CancellationToken.None };
        await Parallel.ForEachAsync(actions, parallel, async (action, _) => await ExecuteAsync(action, write));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public ApplyResult Result() => new(Counter.ToCounts(), _failures.ToArray(), _runLevelError, _completed.ToArray()) { BudgetSpent = _budgetSpent };

    public void Dispose() => _stop.Dispose();

    private async Task ExecuteAsync<T>(T action, Func<T, CancellationToken, Task> write) where T : SyncAction
    {
        if (_stop.IsCancellationRequested || _budgetSpent)
            return;

        // Every invocation makes progress: its first write starts whatever the budget says, unless the run was stopped.
        if (budget.IsStopped || (budget.IsSpent && Volatile.Read(ref _started) > 0))
        {
            _budgetSpent = true;
            return;
        }

        Interlocked.Increment(ref _started);
        try
        {
            await write(action, _stop.Token);
            Interlocked.Exchange(ref _consecutiveTransient, 0);
            Counter.Count(action);
            _completed.Enqueue(action);
            RunProgressTracker.Current?.Finished(_phase);
            SyncLog.ActionDone(logger, target.TenantId, action.Kind, action.PersonId, action.MobieTrainId, "done", action.Rule.ToString());
        }
        catch (MobieTrainRecordException e)
        {
            Fail(action, e.Message, e.StatusCode, e.ErrorCode);
        }
        catch (SyncRunException e) when (e.Kind == SyncFailureKind.Unavailable)
        {
            // Failing after its retries fails this record; many in a row is an outage, which stops the run.
            Fail(action, e.Message);
            if (Interlocked.Increment(ref _consecutiveTransient) >= maxConsecutiveTransient)
            {
                await StopAsync(new SyncRunException(target.TenantId, SyncFailureKind.Unavailable,
                    $"MobieTrain is unavailable: {maxConsecutiveTransient} writes in a row failed after their retries (last: {e.Message})", e));
            }
        }
        catch (PlannedWrites.MissingGroupException e)
        {
            Fail(action, e.Message);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped by the caller or by another write's run-level error: not this record's failure.
        }
        catch (Exception e)
        {
            await StopAsync(e);
        }
    }

    private async Task StopAsync(Exception error)
    {
        if (Interlocked.CompareExchange(ref _runLevelError, error, null) is null)
        {
            SyncLog.ApplyAborted(logger, target.TenantId, target.RunId);
            await _stop.CancelAsync();
        }
    }

    private void Fail(SyncAction action, string error, int? status = null, string? errorCode = null)
    {
        Counter.CountFailure();
        RunProgressTracker.Current?.Finished(_phase);
        _failures.Enqueue(new RecordFailure(action.PersonId, action.Kind, action.MobieTrainId, error, status, errorCode));
        SyncLog.ActionFailed(logger, target.TenantId, action.Kind, action.PersonId, action.MobieTrainId, error);
    }
}
