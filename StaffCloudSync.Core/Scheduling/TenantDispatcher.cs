using StaffCloudSync.Core.Platform.Telemetry;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Scheduling;

/// <summary>One queue message per enabled tenant, longest first; a broken row too, so its run records the problem for an operator.</summary>
public sealed class TenantDispatcher(
    TenantStore tenants, ISyncQueue queue, IOptions<QuarantineOptions> quarantine, TimeProvider time, ILogger<TenantDispatcher> logger)
{
    public async Task<DispatchResult> DispatchAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        var queued = new List<string>();
        var disabled = 0;
        var quarantined = new List<string>();
        var now = time.GetUtcNow();
        var rows = await tenants.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        foreach (var tenant in DispatchOrder.Of(rows))
        {
            if (tenant.Settings is { Enabled: false })
            {
                disabled++;
                continue;
            }

            if (tenant.Health.IsQuarantined)
            {
                if (!QuarantinePolicy.ShouldDispatch(tenant.Health, now, quarantine.Value.RetryInterval))
                {
                    quarantined.Add(tenant.TenantId);
                    DispatchLog.QuarantinedTenantWaits(logger, tenant.TenantId, tenant.Health.QuarantinedAt!.Value);
                    continue;
                }

                // The once-a-day attempt: noted first, so a second dispatch the same day leaves it alone.
                await tenants.UpdateHealthAsync(tenant.TenantId, h => h with { LastQuarantineAttemptAt = now }, cancellationToken);
            }

            if (!tenant.IsValid)
                DispatchLog.InvalidTenantQueued(logger, tenant.TenantId, string.Join("; ", tenant.Errors.Select(e => $"{e.Field}: {e.Message}")));
            else if (TenantClaims.Conflicts(tenant.ValidSettings, rows) is { Count: > 0 } conflicts)
                DispatchLog.SharedAccountQueued(logger, tenant.TenantId, string.Join("; ", conflicts.Select(e => $"{e.Field}: {e.Message}")));

            using var dispatched = SyncTelemetry.StartDispatch(tenant.TenantId);
            var message = new SyncRequest(tenant.TenantId, SyncRequest.NewRunId(), RunTrigger.Scheduled, false, now);
            await queue.EnqueueAsync(message, cancellationToken);
            queued.Add(tenant.TenantId);
        }

        DispatchLog.Dispatched(logger, RunTrigger.Scheduled.ToString(), isPastDue, queued.Count, disabled);
        return new DispatchResult(queued, disabled, quarantined);
    }
}

public sealed record DispatchResult(IReadOnlyList<string> Queued, int Disabled, IReadOnlyList<string> QuarantinedWaiting);

// Ids only; alerts match on the event ids (the queue's own are Runs/QueueLog).
internal static partial class DispatchLog
{
    [LoggerMessage(1500, LogLevel.Information, "Dispatch ({Trigger}, past due {IsPastDue}) queued {Queued} tenant runs; {Disabled} tenants disabled")]
    public static partial void Dispatched(ILogger logger, string trigger, bool isPastDue, int queued, int disabled);

    [LoggerMessage(1501, LogLevel.Warning, "Tenant {TenantId} has an invalid row and is queued so its run records the problem: {Errors}")]
    public static partial void InvalidTenantQueued(ILogger logger, string tenantId, string errors);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} is quarantined since {QuarantinedAt}: not queued this time (tried once a day; an operator can clear it)")]
    public static partial void QuarantinedTenantWaits(ILogger logger, string tenantId, DateTimeOffset quarantinedAt);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Error,
        Message = "Tenant {TenantId} shares an account with another row and is queued so its run records the problem (it reads nothing): {Conflicts}")]
    public static partial void SharedAccountQueued(ILogger logger, string tenantId, string conflicts);
}
