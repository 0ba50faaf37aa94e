using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Failures;
using StaffCloudSync.Core.Logging;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync.Applying;
using StaffCloudSync.Core.Sync.Planning;
using StaffCloudSync.Core.Sync.Reading;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Sync;

/// <summary>
/// One tenant's run, end to end: tenant → run context → read → plan → apply → record. The queue function, the CLI
/// and the sandbox all call this, so what an operator sees locally is what production does. A run that spends its
/// time budget ends <c>Continued</c> and hands back its continuation, which the caller starts at once.
/// </summary>
public sealed class TenantSyncService
{
    private readonly TenantStore _tenants;
    private readonly SnapshotReader _reader;
    private readonly PlanApplier _applier;
    private readonly SyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TenantSyncService> _logger;
    private readonly RunRecorder _recorder;

    public TenantSyncService(
        TenantStore tenants,
        RunStore runs,
        SnapshotReader reader,
        PlanApplier applier,
        IOptions<QuarantineOptions> quarantine,
        IOptions<SyncOptions> options,
        TimeProvider time,
        ILogger<TenantSyncService> logger)
    {
        ArgumentNullException.ThrowIfNull(quarantine);
        ArgumentNullException.ThrowIfNull(options);
        _tenants = tenants;
        _reader = reader;
        _applier = applier;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _recorder = new RunRecorder(runs, tenants, quarantine.Value.AfterFailures, time, logger);
    }

    public async Task<SyncOutcome> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        var record = new RunRecord
        {
            TenantId = request.TenantId,
            RunId = request.RunId,
            Trigger = request.Trigger,
            DryRun = request.DryRun,
            StartedAt = _time.GetUtcNow(),
            Status = RunStatus.Running,
            ChainId = request.ChainId ?? request.RunId,
            Invocation = request.Invocation,
        };
        SyncLog.RunStarted(_logger, request.TenantId, request.RunId, request.Trigger.ToString(), request.DryRun);

        try
        {
            var (tenant, rows) = await LoadTenantAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
            if (!tenant.ValidSettings.Enabled && !request.DryRun)
            {
                return await _recorder.FinishAsync(record with { Status = RunStatus.Skipped, Reason = "the tenant is disabled (Enabled = false); only dry runs are allowed" }, null, started, cancellationToken).ConfigureAwait(false);
            }

            EnsureOwnAccounts(tenant.ValidSettings, rows);
            var context = RunContext.For(request, tenant, record.StartedAt);
            return await SyncAsync(context, record, started, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Host shutdown or function timeout: record why the run stopped, then let the trigger retry the message.
            await _recorder.FinishAsync(record with { Status = RunStatus.Failed, FailureKind = SyncFailureKind.Unavailable, Reason = "Cancelled: the host stopped the run before it finished; the queue retries it" }, null, started, cancellationToken).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (RunFailure.From(request.TenantId, e) is { } failure)
        {
            SyncLog.RunFailed(_logger, request.TenantId, request.RunId, failure.Kind.ToString(), failure.Message);
            return await _recorder.FinishAsync(record with { Status = RunStatus.Failed, FailureKind = failure.Kind, Reason = failure.Reason }, null, started, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads and plans one tenant without writing anything or recording a run (explain, plan preview).</summary>
    public async Task<TenantPreview> PreviewAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (tenant, rows) = await LoadTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        EnsureOwnAccounts(tenant.ValidSettings, rows);
        var context = RunContext.For(SyncRequest.Preview(tenantId), tenant, _time.GetUtcNow());
        var snapshot = await _reader.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        return new TenantPreview(context.Settings, context.Plan, snapshot, SyncPlanner.Plan(snapshot, context.Plan, context.Now), context.Now);
    }

    private async Task<SyncOutcome> SyncAsync(RunContext context, RunRecord record, long started, CancellationToken cancellationToken)
    {
        await _recorder.WriteStartAsync(record, cancellationToken).ConfigureAwait(false);
        var readStarted = _time.GetTimestamp();
        var snapshot = await _reader.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        var readMs = Milliseconds(readStarted);
        SyncLog.SnapshotRead(_logger, context.TenantId, context.RunId, snapshot.StaffCloud.Employees.Count, snapshot.StaffCloud.Events.Count,
            snapshot.StaffCloud.Assignments.Count, snapshot.MobieTrain.Users.Count, snapshot.MobieTrain.Invitations.Count,
            snapshot.MobieTrain.UserGroups.Count, readMs);

        var planStarted = _time.GetTimestamp();
        var plan = SyncPlanner.Plan(snapshot, context.Plan, context.Now);
        var planMs = Milliseconds(planStarted);
        LogPlan(context, plan, planMs);

        var applyStarted = _time.GetTimestamp();
        var budget = new RunBudget(_time, started, _options.RunTimeBudget);
        var result = context.DryRun
            ? ApplyResult.DryRun(plan)
            : await _applier.ApplyAsync(context.MobieTrainWrites, plan, budget, cancellationToken).ConfigureAwait(false);

        record = record with
        {
            Counts = result.Counts,
            Skipped = plan.SkippedRecords(),
            HeldDeletions = plan.HeldDeletionRecords(),
            Failures = result.Failures,
            Timings = new RunTimings(readMs, planMs, Milliseconds(applyStarted)),
            Approval = context.Approval is { } approval ? RunApprovals.ToRecord(approval, context.DryRun ? [] : RunApprovals.Deleted(approval, plan, result)) : null,
        };

        // Before the status: a run that stopped half-way keeps the approval for exactly the approved persons it did not delete.
        await _recorder.SettleApprovalAsync(context, plan, result, cancellationToken).ConfigureAwait(false);

        if (result.RunLevelError is { } error && RunFailure.From(context.TenantId, error) is { } failure)
        {
            SyncLog.RunFailed(_logger, context.TenantId, context.RunId, failure.Kind.ToString(), failure.Message);
            return await _recorder.FinishAsync(record with { Status = RunStatus.Failed, FailureKind = failure.Kind, Reason = $"{failure.Reason} (stopped while applying; the next run finishes the work)" }, plan, started, cancellationToken).ConfigureAwait(false);
        }

        if (result.BudgetSpent)
        {
            var (atBudget, why, next) = RunConclusion.AtBudget(context.Request, budget, result, _options.MaxContinuations);
            SyncLog.BudgetSpent(_logger, context.TenantId, context.RunId, result.Completed.Count, next?.RunId);
            var stopped = await _recorder.FinishAsync(record with { Status = atBudget, Reason = why, FailureKind = next is null ? SyncFailureKind.Configuration : null }, plan, started, cancellationToken).ConfigureAwait(false);
            return stopped with { Continuation = next };
        }

        var (status, reason) = RunConclusion.Of(plan, result);
        return await _recorder.FinishAsync(record with { Status = status, Reason = reason }, plan, started, cancellationToken).ConfigureAwait(false);
    }

    private void LogPlan(RunContext context, SyncPlan plan, long planMs)
    {
        SyncLog.Planned(_logger, context.TenantId, context.RunId, plan.Actions.Count, planMs);
        foreach (var skip in plan.Skips)
        {
            SyncLog.Skipped(_logger, context.TenantId, skip.EmployeeId, skip.Reason.ToString());
        }

        if (plan.DeletionGuard.HoldsAny)
        {
            SyncLog.DeletionsHeld(_logger, context.TenantId, context.RunId, plan.DeletionGuard.Deletions, plan.DeletionGuard.Threshold, plan.DeletionGuard.SyncedPersons);
        }
    }

    /// <summary>A run whose StaffCloud tenant, MobieTrain account or token secret another row claims too reads nothing.</summary>
    private static void EnsureOwnAccounts(TenantSettings settings, IReadOnlyList<TenantRecord> rows)
    {
        var conflicts = TenantClaims.Conflicts(settings, rows);
        if (conflicts.Count > 0)
        {
            throw new SyncRunException(settings.TenantId, SyncFailureKind.Configuration, TenantClaims.Describe(settings.TenantId, conflicts));
        }
    }

    /// <summary>
    /// The run's own row and every row, from one read of the table: the one-account check needs them all, and reading the
    /// own row apart would read it twice.
    /// </summary>
    private async Task<(TenantRecord Tenant, IReadOnlyList<TenantRecord> Rows)> LoadTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var rows = await _tenants.ListAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tenant = rows.Find(r => string.Equals(r.TenantId, tenantId, StringComparison.Ordinal))
            ?? throw new SyncRunException(tenantId, SyncFailureKind.UnknownTenant, $"tenant '{tenantId}' has no row in the Tenants table");
        if (!tenant.IsValid)
        {
            throw new SyncRunException(tenantId, SyncFailureKind.Configuration,
                $"tenant '{tenantId}' has an invalid row: {string.Join("; ", tenant.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        return (tenant, rows);
    }

    private long Milliseconds(long startedTimestamp) => (long)_time.GetElapsedTime(startedTimestamp).TotalMilliseconds;
}
