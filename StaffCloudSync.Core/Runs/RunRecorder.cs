using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Telemetry;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>Step 4 of a run: the run record (built here only), the tenant's health and the approval of held deletions.</summary>
internal sealed class RunRecorder(RunStore runs, TenantStore tenants, int quarantineAfterFailures, TimeProvider time, ILogger logger)
{
    public static RunRecord Build(SyncRequest request, DateTimeOffset startedAt, DateTimeOffset? endedAt, RunEnd end, RunWork? work = null) => new()
    {
        TenantId = request.TenantId, RunId = request.RunId, Trigger = request.Trigger, DryRun = request.DryRun,
        StartedAt = startedAt, EndedAt = endedAt, Status = end.Status, Reason = end.Reason, FailureKind = end.FailureKind,
        ChainId = request.ChainId ?? request.RunId, Invocation = request.Invocation, Counts = work?.Result.Counts ?? SyncCounts.Zero,
        Skipped = work?.Plan.SkippedRecords() ?? [], HeldDeletions = work?.Plan.HeldDeletionRecords() ?? [], Failures = work?.Result.Failures ?? [],
        Writes = work is null ? RunWrites.Empty : WritesOf(work.Plan, work.Result), Timings = work?.Timings ?? new RunTimings(0, 0, 0),
        Approval = work?.Approval,
    };

    // A run that could not record its own end: its last record, when there is one, so what that attempt did stays.
    public static RunRecord EndedFor(SyncRequest request, RunRecord? last, DateTimeOffset startedAt, DateTimeOffset endedAt, RunEnd end) =>
        last is null ? Build(request, startedAt, endedAt, end) : last with { EndedAt = endedAt, Status = end.Status, Reason = end.Reason };

    public Task WriteStartAsync(SyncRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        runs.WriteAsync(Build(request, startedAt, null, new RunEnd(RunStatus.Running, null)), cancellationToken);

    // Another run holds the tenant: recorded as it is refused, counted nowhere.
    public async Task<RunRecord> WriteSkippedAsync(SyncRequest request, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = Build(request, now, now, new RunEnd(RunStatus.Skipped, reason));
        await runs.WriteAsync(record, cancellationToken);
        RunTelemetry.Record(request, record, 0);
        return record;
    }

    public async Task<SyncOutcome> FinishAsync(SyncRequest request, DateTimeOffset startedAt, long started, RunEnd end, RunWork? work, CancellationToken cancellationToken)
    {
        var final = Build(request, startedAt, time.GetUtcNow(), end, work);
        var durationMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var counts = final.Counts;
        SyncLog.RunFinished(logger, final.TenantId, final.RunId, final.Status.ToString(), final.DryRun, counts.Invited + counts.InvitationsReplaced,
            counts.UsersUpdated + counts.InvitationsUpdated, counts.UsersRemoved + counts.InvitationsRemoved + counts.InvitationsExpired,
            counts.Skipped, counts.Failed, counts.DeletionsHeld, durationMs);
        RunTelemetry.Record(request, final, durationMs);

        // The record must be written even when the run was cancelled, or the operator never learns why it stopped.
        var token = cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken;
        await runs.WriteAsync(final, token);
        await RecordHealthAsync(final, time.GetElapsedTime(started), token);
        return new SyncOutcome(final, work?.Plan) { Continuation = end.Next };
    }

    // Conditional on the approval's id, so one granted while the run was going is never touched.
    public async Task SettleApprovalAsync(RunContext context, SyncPlan plan, ApplyResult result, CancellationToken cancellationToken)
    {
        if (context.DryRun || context.Tenant.DeletionApproval is not { } pending)
            return;

        if (context.Approval is not { } inForce)
        {
            await tenants.UpdateDeletionApprovalAsync(context.TenantId, pending.Id, _ => null, cancellationToken);
            SyncLog.DeletionApprovalLapsed(logger, context.TenantId, context.RunId, pending.Id, pending.ExpiresAt);
            return;
        }

        var settled = RunApprovals.Settled(inForce, plan, result);
        if (settled.Count == 0)
            return;

        var after = await tenants.UpdateDeletionApprovalAsync(context.TenantId, inForce.Id,
            a => a.Employees.Except(settled).ToHashSet() is { Count: > 0 } left ? a with { Employees = left } : null, cancellationToken);
        SyncLog.DeletionApprovalUsed(logger, context.TenantId, context.RunId, inForce.Id, settled.Count, after?.Id == inForce.Id ? after.Employees.Count : 0);
    }

    // The run's time (for the dispatcher's order) goes into the same write as the quarantine's count: it costs none.
    private async Task RecordHealthAsync(RunRecord run, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (run.Status is RunStatus.Skipped or RunStatus.Running)
            return;

        TenantHealth? before = null;
        var after = await tenants.UpdateHealthAsync(run.TenantId, health =>
        {
            before = health;
            return RunTimes.AfterRun(QuarantinePolicy.AfterRun(health, run, run.EndedAt ?? time.GetUtcNow(), quarantineAfterFailures), run, elapsed);
        }, cancellationToken);

        if (after is null || before is null)
            return;

        if (after.IsQuarantined && !before.IsQuarantined)
        {
            SyncTelemetry.RecordQuarantine(run.TenantId);
            SyncLog.TenantQuarantined(logger, run.TenantId, after.ConsecutiveFailures, run.Reason ?? string.Empty);
        }
        else if (!after.IsQuarantined && before.IsQuarantined)
            SyncLog.QuarantineLifted(logger, run.TenantId, run.RunId);
    }

    // A failure names the action's kind and ids but not its rule; the plan's action with the same ones has it.
    private static RunWrites WritesOf(SyncPlan plan, ApplyResult result)
    {
        var failed = result.Failures.Where(f => f.EmployeeId is not null).Select(f => (f.EmployeeId, f.Action, f.MobieTrainId)).ToHashSet();
        var refused = plan.Actions.OfType<PersonAction>()
            .Where(a => failed.Contains((a.PersonId, a.Kind, a.MobieTrainId))).Select(a => Write(a, done: false));
        return RunWrites.Of(result.Completed.OfType<PersonAction>().Select(a => Write(a, done: true)).Concat(refused));
    }

    private static PersonWrite Write(PersonAction action, bool done) =>
        new(action.EmployeeId, action.Kind, action.Rule.ToString(), action.MobieTrainId, done);
}

internal sealed record RunWork(SyncPlan Plan, ApplyResult Result, RunTimings Timings, RunApproval? Approval);
