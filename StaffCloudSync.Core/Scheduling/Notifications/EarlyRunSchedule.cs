using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>Each tenant's early-run row beside its lease; ETag-conditional and decided again on a clash, so a flood makes one due run.</summary>
public sealed class EarlyRunSchedule(StorageTables tables, ILogger<EarlyRunSchedule> logger)
{
    internal const string Partition = "notifications";

    // A due run not started this long after its due time is lost, so notifications do not join a run that will never come.
    public static readonly TimeSpan LostAfter = TimeSpan.FromHours(1);
    private const int MaxAttempts = 8;
    private const string DueAtColumn = "DueAt";
    private const string DueRunIdColumn = "DueRunId";
    private const string FirstNotifiedAtColumn = "FirstNotifiedAt";
    private const string LastRunStartedAtColumn = "LastRunStartedAt";
    private const string LastRunIdColumn = "LastRunId";

    // max(first notification + debounce, start of the previous notification-triggered run + minimum interval).
    public static DateTimeOffset DueAt(DateTimeOffset firstNotification, DateTimeOffset? previousRunStartedAt, TimeSpan debounce, TimeSpan minInterval)
    {
        var debounced = firstNotification + debounce;
        return previousRunStartedAt is { } started && started + minInterval > debounced ? started + minInterval : debounced;
    }

    // Joins the due run or claims a new one; the row is written before the message is queued, so two notifications never queue two runs.
    public Task<EarlyRun> ClaimAsync(TenantSettings settings, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(settings.TenantId, row =>
        {
            if (row.DueRunId is { } dueRunId && row.DueAt is { } dueAt)
            {
                if (dueAt + LostAfter >= now)
                    return (null, new EarlyRun(dueRunId, dueAt, Joined: true));

                NotificationLog.EarlyRunLost(logger, settings.TenantId, dueRunId, dueAt);
            }

            var due = DueAt(now, row.LastRunStartedAt, settings.WebhookDebounce, settings.WebhookMinInterval);
            var runId = SyncRequest.NewRunId();
            return (row with { DueAt = due, DueRunId = runId, FirstNotifiedAt = now }, new EarlyRun(runId, due, Joined: false));
        }, cancellationToken);

    // Gives up a due run whose message could not be queued, so the next notification tries again.
    public Task ReleaseAsync(string tenantId, string runId, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, row => (row.DueRunId == runId ? row.WithoutDueRun() : null, true), cancellationToken);

    // The minimum interval counts from the start, and a notification from now on makes the next run due (this one may have read already).
    public Task<DateTimeOffset> RunStartingAsync(string tenantId, string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, row =>
        {
            // A later start only: a re-delivered message of an older run must not pull the interval back.
            var start = row.LastRunStartedAt is { } last && last > now ? last : now;
            var next = row with { LastRunStartedAt = start, LastRunId = runId };
            return (row.DueRunId == runId ? next.WithoutDueRun() : next, start);
        }, cancellationToken);

    public Task<EarlyRunState> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, row => ((EarlyRunState?)null, row), cancellationToken);

    // decide chooses the new row (null: leave it); written if the ETag still holds.
    private async Task<T> ChangeAsync<T>(string tenantId, Func<EarlyRunState, (EarlyRunState? Next, T Result)> decide, CancellationToken cancellationToken)
    {
        var table = await tables.Leases.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(Partition, tenantId, cancellationToken: cancellationToken);
            var (next, result) = decide(read.HasValue ? Read(read.Value!) : EarlyRunState.None);
            if (next is null)
                return result;

            var entity = ToEntity(tenantId, next);
            try
            {
                if (read.HasValue)
                    await table.UpdateEntityAsync(entity, read.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await table.AddEntityAsync(entity, cancellationToken);

                return result;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another notification or run wrote the row first: decide again on what it wrote.
            }
        }
    }

    private static EarlyRunState Read(TableEntity entity) => new(
        entity.GetDateTimeOffset(DueAtColumn), entity.GetString(DueRunIdColumn), entity.GetDateTimeOffset(FirstNotifiedAtColumn),
        entity.GetDateTimeOffset(LastRunStartedAtColumn), entity.GetString(LastRunIdColumn));

    private static TableEntity ToEntity(string tenantId, EarlyRunState state) => new(Partition, tenantId)
    {
        [DueAtColumn] = state.DueAt, [DueRunIdColumn] = state.DueRunId, [FirstNotifiedAtColumn] = state.FirstNotifiedAt,
        [LastRunStartedAtColumn] = state.LastRunStartedAt, [LastRunIdColumn] = state.LastRunId,
    };
}

public sealed record EarlyRun(string RunId, DateTimeOffset DueAt, bool Joined);

public sealed record EarlyRunState(DateTimeOffset? DueAt, string? DueRunId, DateTimeOffset? FirstNotifiedAt, DateTimeOffset? LastRunStartedAt, string? LastRunId)
{
    public static EarlyRunState None { get; } = new(null, null, null, null, null);

    public EarlyRunState WithoutDueRun() => this with { DueAt = null, DueRunId = null, FirstNotifiedAt = null };
}

/// <summary>sync-rules.md, "Early runs": queued once, invisible until due; one skipped for a busy tenant is made due again.</summary>
public sealed class EarlyRuns(EarlyRunSchedule schedule, ISyncQueue queue, TenantStore tenants, TimeProvider time, ILogger<EarlyRuns> logger) : IQueuedRunObserver
{
    public async Task<EarlyRun> ScheduleAsync(TenantSettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = await schedule.ClaimAsync(settings, now, cancellationToken);
        if (run.Joined)
            return run;

        try
        {
            var message = new SyncRequest(settings.TenantId, run.RunId, RunTrigger.Webhook, false, now);
            await queue.EnqueueAsync(message, run.DueAt - now, cancellationToken);
        }
        catch
        {
            // Not queued: the row must not keep a due run that will never come, or every later notification would join it.
            await schedule.ReleaseAsync(settings.TenantId, run.RunId, CancellationToken.None);
            throw;
        }

        return run;
    }

    public async Task RunStartingAsync(SyncRequest message, CancellationToken cancellationToken)
    {
        if (message.Trigger == RunTrigger.Webhook)
        {
            var started = await schedule.RunStartingAsync(message.TenantId, message.RunId, time.GetUtcNow(), cancellationToken);
            NotificationLog.EarlyRunStarting(logger, message.TenantId, message.RunId, started);
        }
    }

    public async Task RunSkippedAsync(SyncRequest message, string? heldByRunId, CancellationToken cancellationToken)
    {
        // A second delivery of a run that is still running needs nothing: that run reads StaffCloud itself.
        if (message.Trigger != RunTrigger.Webhook || heldByRunId == message.RunId)
            return;

        var tenant = await tenants.GetAsync(message.TenantId, cancellationToken);
        if (tenant is not { IsValid: true, Settings.Enabled: true } || tenant.Health.IsQuarantined)
            return;

        var next = await ScheduleAsync(tenant.ValidSettings, cancellationToken);
        NotificationLog.EarlyRunRescheduled(logger, message.TenantId, message.RunId, heldByRunId, next.RunId, next.DueAt);
    }
}
