using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>
/// The early runs of sync-rules.md: made due through the <see cref="EarlyRunSchedule"/> row and queued once, with a
/// visibility delay to their due time; told by the queue handling when one starts (the minimum interval counts from
/// there) or is skipped because another run holds the tenant — then it is made due again, so the change it was for does
/// not wait for the next scheduled run, and never sooner than the minimum interval allows.
/// </summary>
public sealed class EarlyRuns(EarlyRunSchedule schedule, ISyncQueue queue, TenantStore tenants, TimeProvider time, ILogger<EarlyRuns> logger) : IQueuedRunObserver
{
    /// <summary>Joins the due run of the tenant, or makes one due now and queues it; a message that cannot be queued gives the claim up.</summary>
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
