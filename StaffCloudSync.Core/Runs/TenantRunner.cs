using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Runs.Marker;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>The owner of a tenant's run (docs/decisions.md, "Who owns a run?"): what an operator sees locally is what production does.</summary>
public sealed class TenantRunner(
    TenantStore tenants, RunStore runs, SnapshotReader reader, PlanApplier applier, AccountMarkers markers, ISyncQueue queue,
    ITenantLeases leases, TenantLeaseKeeper keeper, IOptions<DispatchOptions> dispatch, IOptions<SyncOptions> sync,
    IOptions<QuarantineOptions> quarantine, TimeProvider time, ILogger<TenantRunner> logger, IEnumerable<IQueuedRunObserver>? observers = null)
{
    private readonly RunRecorder _recorder = new(runs, tenants, quarantine.Value.AfterFailures, time, logger);
    private readonly LeaseHandBack _handBack = new(leases, queue, runs, time, logger);

    private TimeSpan LeaseDuration => dispatch.Value.LeaseDuration;

    // A failure a retry can help is thrown so the queue tries again; on hostStopping the run hands over to its continuation.
    public async Task<RunRecord?> RunQueuedAsync(string messageText, string messageId, long dequeueCount, CancellationToken hostStopping)
    {
        var cancellationToken = CancellationToken.None;
        if (!SyncRequest.TryParse(messageText, out var request, out var error))
        {
            QueueLog.MalformedMessage(logger, messageId, dequeueCount, error!);
            return null;
        }

        foreach (var observer in observers ?? [])
            await observer.RunStartingAsync(request!, cancellationToken);

        var lease = await leases.TryAcquireAsync(request!.TenantId, request.RunId, LeaseDuration, cancellationToken);
        if (lease.IsHeldBy(request.RunId))
            return await _handBack.DeferAsync(request, lease, cancellationToken);

        if (!lease.Acquired)
            return await SkipAsync(request, lease, cancellationToken);

        SyncOutcome outcome;
        var handedOver = false;
        try
        {
            outcome = await RunAsync(request, request.RunId, hostStopping, cancellationToken);
            if (outcome.Continuation is { } next)
                handedOver = await HandOverAsync(request, next, cancellationToken);
        }
        finally
        {
            if (!handedOver)
                await leases.ReleaseAsync(request.TenantId, request.RunId, CancellationToken.None);
        }

        if (outcome.Record.Status == RunStatus.Failed && outcome.Retryable)
        {
            QueueLog.RetryingRun(logger, request.TenantId, request.RunId, dequeueCount, outcome.Record.Reason);
            throw new SyncRetryException(request.TenantId, request.RunId, outcome.Record.Reason);
        }

        return outcome.Record;
    }

    // CLI and sandbox: one lease under the first run id for the whole chain; continuations run here at once, each wrapped by around.
    public async Task<SyncOutcome> RunInlineAsync(
        SyncRequest request, Func<SyncRequest, Func<Task<SyncOutcome>>, Task<SyncOutcome>>? around, CancellationToken cancellationToken)
    {
        var leaseRunId = request.RunId;
        var lease = await leases.TryAcquireAsync(request.TenantId, leaseRunId, LeaseDuration, cancellationToken);
        if (!lease.Acquired)
            throw new TenantBusyException(request.TenantId, lease);

        try
        {
            while (true)
            {
                var current = request;
                var outcome = around is null ? await RunAsync(current, leaseRunId, CancellationToken.None, cancellationToken)
                    : await around(current, () => RunAsync(current, leaseRunId, CancellationToken.None, cancellationToken));
                if (outcome.Continuation is not { } next)
                    return outcome;

                request = next;
            }
        }
        finally
        {
            // Given back even when the run was interrupted: the next run must not wait out the lease.
            await leases.ReleaseAsync(request.TenantId, leaseRunId, CancellationToken.None);
        }
    }

    // The host's stop and a lost lease stop it between writes (RunStop); cancellationToken cuts it off.
    private async Task<SyncOutcome> RunAsync(SyncRequest request, string leaseRunId, CancellationToken hostStopping, CancellationToken cancellationToken)
    {
        await using var renewal = keeper.Keep(request.TenantId, leaseRunId, LeaseDuration);
        using var stop = new RunStop(hostStopping, renewal.Lost);
        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        SyncLog.RunStarted(logger, request.TenantId, request.RunId, request.Trigger.ToString(), request.DryRun);
        try
        {
            var (tenant, rows) = await RunContext.ReadTenantAsync(tenants, request.TenantId, cancellationToken);
            if (!tenant.ValidSettings.Enabled && !request.DryRun)
            {
                var disabled = new RunEnd(RunStatus.Skipped, "the tenant is disabled (Enabled = false); only dry runs are allowed");
                return await _recorder.FinishAsync(request, startedAt, started, disabled, null, cancellationToken);
            }

            RunContext.EnsureOwnAccounts(tenant.ValidSettings, rows);
            return await SyncAsync(RunContext.For(request, tenant, startedAt), started, stop, cancellationToken);
        }
        catch (OperationCanceledException) when (stop.Stopped && !cancellationToken.IsCancellationRequested)
        {
            // Stopped while reading or planning: nothing was written, so the stop ends it like one between writes.
            return await StoppedAsync(request, startedAt, started, stop, null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut off by the caller (the CLI's Ctrl+C), not stopped between writes: recorded, then thrown on.
            var cancelled = new RunEnd(RunStatus.Failed, "Cancelled before it finished (Ctrl+C in the CLI, or the host cut the invocation off); the next run reads back what it wrote", SyncFailureKind.Unavailable);
            await _recorder.FinishAsync(request, startedAt, started, cancelled, null, cancellationToken);
            throw;
        }
        catch (Exception e) when (RunFailure.From(request.TenantId, e) is { } failure)
        {
            SyncLog.RunFailed(logger, request.TenantId, request.RunId, failure.Kind.ToString(), failure.Message);
            return await _recorder.FinishAsync(request, startedAt, started, failure.End(), null, cancellationToken);
        }
    }

    private async Task<SyncOutcome> SyncAsync(RunContext context, long started, RunStop stop, CancellationToken cancellationToken)
    {
        await _recorder.WriteStartAsync(context.Request, context.Now, cancellationToken);
        RunProgressTracker.Current?.Phase(context.Request.Invocation, "read");
        var readStarted = time.GetTimestamp();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        var snapshot = await reader.ReadAsync(context, reading.Token);
        var readMs = Milliseconds(readStarted);
        SyncLog.SnapshotRead(logger, context.TenantId, context.RunId, snapshot.StaffCloud.Employees.Count, snapshot.StaffCloud.Events.Count,
            snapshot.StaffCloud.Assignments.Count, snapshot.MobieTrain.Users.Count, snapshot.MobieTrain.Invitations.Count,
            snapshot.MobieTrain.UserGroups.Count, readMs);
        await markers.EnsureAsync(context.MobieTrainWrites, context.DryRun, snapshot.MobieTrain, cancellationToken);
        RunProgressTracker.Current?.Phase(context.Request.Invocation, "plan");
        var planStarted = time.GetTimestamp();
        var plan = RunTelemetry.PlanInSpan(snapshot, context);
        var planMs = Milliseconds(planStarted);
        SyncLog.Planned(logger, context.TenantId, context.RunId, plan.Actions.Count, planMs);
        foreach (var skip in plan.Skips)
            SyncLog.Skipped(logger, context.TenantId, skip.EmployeeId, skip.Reason.ToString());

        if (plan.DeletionGuard is { HoldsAny: true } guard)
            SyncLog.DeletionsHeld(logger, context.TenantId, context.RunId, guard.Deletions, guard.Threshold, guard.SyncedPersons);

        var applyStarted = time.GetTimestamp();
        var budget = new RunBudget(time, started, sync.Value.RunTimeBudget, stop.Token);
        var result = context.DryRun ? ApplyResult.DryRun(plan) : await applier.ApplyAsync(context.MobieTrainWrites, plan, budget, cancellationToken);
        var work = new RunWork(plan, result, new RunTimings(readMs, planMs, Milliseconds(applyStarted)), RunApprovals.Record(context, plan, result));

        // Before the status: a run that stopped half-way keeps the approval for exactly the approved persons it did not delete.
        await _recorder.SettleApprovalAsync(context, plan, result, cancellationToken);

        if (result.RunLevelError is { } error && RunFailure.From(context.TenantId, error) is { } failure)
        {
            SyncLog.RunFailed(logger, context.TenantId, context.RunId, failure.Kind.ToString(), failure.Message);
            var stoppedApplying = failure.End(" (stopped while applying; the next run finishes the work)");
            return await _recorder.FinishAsync(context.Request, context.Now, started, stoppedApplying, work, cancellationToken);
        }

        if (result.BudgetSpent && stop.Stopped)
            return await StoppedAsync(context.Request, context.Now, started, stop, work, cancellationToken);

        if (result.BudgetSpent)
        {
            var atBudget = RunConclusion.AtBudget(context.Request, budget, result, sync.Value.MaxContinuations);
            SyncLog.BudgetSpent(logger, context.TenantId, context.RunId, result.Completed.Count, atBudget.Next?.RunId);
            return await _recorder.FinishAsync(context.Request, context.Now, started, atBudget, work, cancellationToken);
        }

        return await _recorder.FinishAsync(context.Request, context.Now, started, RunConclusion.Of(plan, result), work, cancellationToken);
    }

    private Task<SyncOutcome> StoppedAsync(
        SyncRequest request, DateTimeOffset startedAt, long started, RunStop stop, RunWork? work, CancellationToken cancellationToken) =>
        _recorder.FinishAsync(request, startedAt, started, stop.End(request, work?.Result.Completed.Count ?? 0, logger), work, cancellationToken);

    // The lease passes to the continuation first, so no other run gets in between; if its message cannot be queued, it is given back.
    private async Task<bool> HandOverAsync(SyncRequest request, SyncRequest next, CancellationToken cancellationToken)
    {
        if (!await leases.HandOverAsync(request.TenantId, request.RunId, next.RunId, LeaseDuration, CancellationToken.None))
            QueueLog.ContinuationWithoutLease(logger, request.TenantId, request.RunId, next.RunId);

        try
        {
            await queue.EnqueueAsync(next with { RequestedAt = time.GetUtcNow() }, cancellationToken);
        }
        catch
        {
            await leases.ReleaseAsync(request.TenantId, next.RunId, CancellationToken.None);
            throw;
        }

        QueueLog.ContinuationQueued(logger, request.TenantId, request.RunId, next.RunId, next.Invocation);
        return true;
    }

    private async Task<RunRecord> SkipAsync(SyncRequest request, LeaseResult lease, CancellationToken cancellationToken)
    {
        QueueLog.LeaseBusy(logger, request.TenantId, request.RunId, lease.HeldByRunId, lease.HeldUntil);
        var skip = new SyncRequest(request.TenantId, request.RunId, request.Trigger, request.DryRun);
        var skipped = await _recorder.WriteSkippedAsync(skip,
            $"another run ({lease.HeldByRunId}) of this tenant is in progress, holding it until {lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z; the next scheduled run will catch up",
            cancellationToken);
        foreach (var observer in observers ?? [])
            await observer.RunSkippedAsync(request, lease.HeldByRunId, cancellationToken);

        return skipped;
    }

    private long Milliseconds(long startedTimestamp) => (long)time.GetElapsedTime(startedTimestamp).TotalMilliseconds;
}

/// <summary>Told of every queued run before the lease, and when it is skipped; keeps Runs from depending on Scheduling.</summary>
public interface IQueuedRunObserver
{
    Task RunStartingAsync(SyncRequest message, CancellationToken cancellationToken);

    Task RunSkippedAsync(SyncRequest message, string? heldByRunId, CancellationToken cancellationToken);
}

public sealed class TenantBusyException(string tenantId, LeaseResult lease)
    : Exception($"tenant '{tenantId}' is busy: run {lease.HeldByRunId ?? "?"} holds it until {lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z")
{
    public LeaseResult? Lease { get; } = lease;
}

public sealed class SyncRetryException(string tenantId, string runId, string? reason)
    : Exception($"run {runId} of tenant '{tenantId}' failed transiently and is retried by the queue: {reason}");
