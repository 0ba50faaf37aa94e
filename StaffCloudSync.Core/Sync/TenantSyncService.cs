using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Failures;
using StaffCloudSync.Core.Logging;
using StaffCloudSync.Core.Rules;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Secrets;
using StaffCloudSync.Core.Sync.Applying;
using StaffCloudSync.Core.Sync.Planning;
using StaffCloudSync.Core.Sync.Reading;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Sync;

/// <summary>
/// One tenant's run, end to end: settings → read → plan → apply → run record. The queue function, the CLI and
/// the sandbox all call this, so what an operator sees locally is what production does.
/// </summary>
public sealed class TenantSyncService(
    ITenantStore tenants,
    IRunStore runs,
    SnapshotReader reader,
    PlanApplier applier,
    IOptions<QuarantineOptions> quarantine,
    TimeProvider time,
    ILogger<TenantSyncService> logger)
{
    public async Task<SyncOutcome> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var record = new RunRecord
        {
            TenantId = request.TenantId,
            RunId = request.RunId,
            Trigger = request.Trigger,
            DryRun = request.DryRun,
            StartedAt = time.GetUtcNow(),
            Status = RunStatus.Running,
        };
        SyncLog.RunStarted(logger, request.TenantId, request.RunId, request.Trigger.ToString(), request.DryRun);

        try
        {
            var tenant = await LoadTenantAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
            if (!tenant.Settings!.Enabled && !request.DryRun)
            {
                return await FinishAsync(record with { Status = RunStatus.Skipped, Reason = "the tenant is disabled (Enabled = false); only dry runs are allowed" }, null, false, started, cancellationToken).ConfigureAwait(false);
            }

            await EnsureOwnAccountsAsync(tenant.Settings!, cancellationToken).ConfigureAwait(false);
            await runs.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            return await SyncAsync(request, tenant, record, started, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Host shutdown or function timeout: record why the run stopped, then let the trigger retry the message.
            await FinishAsync(record with { Status = RunStatus.Failed, FailureKind = SyncFailureKind.Unavailable, Reason = "Cancelled: the host stopped the run before it finished; the queue retries it" }, null, true, started, cancellationToken).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (RunFailure.From(request.TenantId, e) is { } failure)
        {
            SyncLog.RunFailed(logger, request.TenantId, request.RunId, failure.Kind.ToString(), failure.Message);
            return await FinishAsync(record with { Status = RunStatus.Failed, FailureKind = failure.Kind, Reason = failure.Reason }, null, failure.IsTransient, started, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads and plans one tenant without writing anything or recording a run (explain, plan preview).</summary>
    public async Task<TenantPreview> PreviewAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await LoadTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await EnsureOwnAccountsAsync(tenant.Settings!, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var settings = PlanSettings.From(tenant.Settings!, RunApprovals.InForce(tenant, now)?.Employees);
        var snapshot = await ReadAsync(tenant.Settings!, SyncRequest.NewRunId(), settings, now, cancellationToken).ConfigureAwait(false);
        return new TenantPreview(tenant.Settings!, settings, snapshot, SyncPlanner.Plan(snapshot, settings, now), now);
    }

    private async Task<SyncOutcome> SyncAsync(SyncRequest request, TenantRecord tenant, RunRecord record, long started, CancellationToken cancellationToken)
    {
        var settings = tenant.Settings!;
        var now = record.StartedAt;
        var approval = RunApprovals.InForce(tenant, now);
        var planSettings = PlanSettings.From(settings, approval?.Employees);

        var readStarted = time.GetTimestamp();
        var snapshot = await ReadAsync(settings, request.RunId, planSettings, now, cancellationToken).ConfigureAwait(false);
        var readMs = Milliseconds(readStarted);
        SyncLog.SnapshotRead(logger, request.TenantId, request.RunId, snapshot.StaffCloud.Employees.Count, snapshot.StaffCloud.Events.Count,
            snapshot.StaffCloud.Assignments.Count, snapshot.MobieTrain.Users.Count, snapshot.MobieTrain.Invitations.Count,
            snapshot.MobieTrain.UserGroups.Count, readMs);

        var planStarted = time.GetTimestamp();
        var plan = SyncPlanner.Plan(snapshot, planSettings, now);
        var planMs = Milliseconds(planStarted);
        SyncLog.Planned(logger, request.TenantId, request.RunId, plan.Actions.Count, planMs);
        foreach (var skip in plan.Skips)
        {
            SyncLog.Skipped(logger, request.TenantId, skip.EmployeeId, skip.Reason.ToString());
        }

        if (plan.DeletionGuard.HoldsAny)
        {
            SyncLog.DeletionsHeld(logger, request.TenantId, request.RunId, plan.DeletionGuard.Deletions, plan.DeletionGuard.Threshold, plan.DeletionGuard.SyncedPersons);
        }

        var applyStarted = time.GetTimestamp();
        var result = request.DryRun
            ? ApplyResult.DryRun(plan)
            : await applier.ApplyAsync(TenantTargets.MobieTrain(settings, request.RunId), plan, cancellationToken).ConfigureAwait(false);
        var timings = new RunTimings(readMs, planMs, Milliseconds(applyStarted));

        record = record with
        {
            Counts = result.Counts,
            Skipped = plan.SkippedRecords(),
            HeldDeletions = plan.HeldDeletionRecords(),
            Failures = result.Failures,
            Timings = timings,
            Approval = approval is null ? null : RunApprovals.ToRecord(approval, request.DryRun ? [] : RunApprovals.Deleted(approval, plan, result)),
        };

        // Before the status: a run that stopped half-way keeps the approval for exactly the approved persons it did not delete.
        if (!request.DryRun && tenant.DeletionApproval is { } pending)
        {
            await SettleApprovalAsync(request, pending, approval, plan, result, cancellationToken).ConfigureAwait(false);
        }

        if (result.RunLevelError is { } error && RunFailure.From(request.TenantId, error) is { } failure)
        {
            SyncLog.RunFailed(logger, request.TenantId, request.RunId, failure.Kind.ToString(), failure.Message);
            return await FinishAsync(record with { Status = RunStatus.Failed, FailureKind = failure.Kind, Reason = $"{failure.Reason} (stopped while applying; the next run finishes the work)" }, plan, failure.IsTransient, started, cancellationToken).ConfigureAwait(false);
        }

        var (status, reason) = Conclude(plan, result);
        return await FinishAsync(record with { Status = status, Reason = reason }, plan, false, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the persons this run deleted out of the approval (used up once none is left), or clears an approval that
    /// lapsed; conditional on the approval's id, so one granted while the run was going is never touched.
    /// </summary>
    private async Task SettleApprovalAsync(SyncRequest request, DeletionApproval pending, DeletionApproval? inForce, SyncPlan plan, ApplyResult result, CancellationToken cancellationToken)
    {
        if (inForce is null)
        {
            await tenants.UpdateDeletionApprovalAsync(request.TenantId, pending.Id, _ => null, cancellationToken).ConfigureAwait(false);
            SyncLog.DeletionApprovalLapsed(logger, request.TenantId, request.RunId, pending.Id, pending.ExpiresAt);
            return;
        }

        var settled = RunApprovals.Settled(inForce, plan, result);
        if (settled.Count == 0)
        {
            return;
        }

        var after = await tenants.UpdateDeletionApprovalAsync(request.TenantId, inForce.Id,
            a => a.Employees.Except(settled).ToHashSet() is { Count: > 0 } left ? a with { Employees = left } : null, cancellationToken).ConfigureAwait(false);
        SyncLog.DeletionApprovalUsed(logger, request.TenantId, request.RunId, inForce.Id, settled.Count, after?.Id == inForce.Id ? after.Employees.Count : 0);
    }

    /// <summary>A run whose StaffCloud tenant, MobieTrain account or token secret another row claims too reads nothing.</summary>
    private async Task EnsureOwnAccountsAsync(TenantSettings settings, CancellationToken cancellationToken)
    {
        var rows = await tenants.ListAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var conflicts = TenantClaims.Conflicts(settings, rows);
        if (conflicts.Count > 0)
        {
            throw new SyncRunException(settings.TenantId, SyncFailureKind.Configuration, TenantClaims.Describe(settings.TenantId, conflicts));
        }
    }

    private async Task<TenantSnapshot> ReadAsync(TenantSettings settings, string runId, PlanSettings planSettings, DateTimeOffset now, CancellationToken cancellationToken) =>
        await reader.ReadAsync(TenantTargets.StaffCloud(settings), TenantTargets.MobieTrain(settings, runId), planSettings, now, cancellationToken).ConfigureAwait(false);

    /// <summary>Held deletions need an operator, so they outrank record errors in the status; the reason names both.</summary>
    private static (RunStatus Status, string? Reason) Conclude(SyncPlan plan, ApplyResult result)
    {
        var failed = result.Counts.Failed;
        var failures = failed > 0 ? $"{failed} record(s) failed; see the run's failures" : null;
        if (plan.DeletionGuard.HoldsAny)
        {
            var held = HeldReason(plan.DeletionGuard);
            return (RunStatus.DeletionsHeld, failures is null ? held : $"{held}; {failures}");
        }

        return failed > 0 ? (RunStatus.CompletedWithErrors, failures) : (RunStatus.Succeeded, null);
    }

    private static string HeldReason(DeletionGuardDecision guard)
    {
        var parts = new List<string>();
        if (guard.Held)
        {
            parts.Add($"{guard.Deletions} deletions held: more than the threshold of {guard.Threshold} for {guard.SyncedPersons} synced persons");
        }

        if (guard.Unproven > 0)
        {
            parts.Add($"{guard.Unproven} records of persons StaffCloud's employees list left out held unproven (more than the threshold of {guard.Threshold}, so not read singly)");
        }

        return $"{string.Join("; ", parts)}; check StaffCloud, then allow deletions for this tenant: the next run reads the missing persons singly and deletes only those StaffCloud answers 404 for";
    }

    private async Task<TenantRecord> LoadTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? throw new SyncRunException(tenantId, SyncFailureKind.UnknownTenant, $"tenant '{tenantId}' has no row in the Tenants table");
        if (!tenant.IsValid)
        {
            throw new SyncRunException(tenantId, SyncFailureKind.Configuration,
                $"tenant '{tenantId}' has an invalid row: {string.Join("; ", tenant.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        return tenant;
    }

    private async Task<SyncOutcome> FinishAsync(RunRecord record, SyncPlan? plan, bool retryable, long started, CancellationToken cancellationToken)
    {
        var final = record with { EndedAt = time.GetUtcNow() };
        var durationMs = Milliseconds(started);
        var counts = final.Counts;
        SyncLog.RunFinished(logger, final.TenantId, final.RunId, final.Status.ToString(), final.DryRun, counts.Invited + counts.InvitationsReplaced,
            counts.UsersUpdated + counts.InvitationsUpdated, counts.UsersRemoved + counts.InvitationsRemoved + counts.InvitationsExpired,
            counts.Skipped, counts.Failed, counts.DeletionsHeld, durationMs);

        // The record must be written even when the run was cancelled, or the operator never learns why it stopped.
        var token = cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken;
        await runs.WriteAsync(final, token).ConfigureAwait(false);
        await RecordHealthAsync(final, token).ConfigureAwait(false);
        return new SyncOutcome(final, plan, retryable);
    }

    /// <summary>Counts failures that need an operator; quarantines a tenant that keeps failing, lifts it on success.</summary>
    private async Task RecordHealthAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (run.Status is RunStatus.Skipped or RunStatus.Running)
        {
            return;
        }

        TenantHealth? before = null;
        var after = await tenants.UpdateHealthAsync(run.TenantId, health =>
        {
            before = health;
            return QuarantinePolicy.AfterRun(health, run, run.EndedAt ?? time.GetUtcNow(), quarantine.Value.AfterFailures);
        }, cancellationToken).ConfigureAwait(false);

        if (after is null || before is null)
        {
            return;
        }

        if (after.IsQuarantined && !before.IsQuarantined)
        {
            SyncLog.TenantQuarantined(logger, run.TenantId, after.ConsecutiveFailures, run.Reason ?? string.Empty);
        }
        else if (!after.IsQuarantined && before.IsQuarantined)
        {
            SyncLog.QuarantineLifted(logger, run.TenantId, run.RunId);
        }
    }

    private long Milliseconds(long startedTimestamp) => (long)time.GetElapsedTime(startedTimestamp).TotalMilliseconds;
}
