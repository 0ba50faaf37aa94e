namespace StaffCloudSync.Core.Scheduling;

/// <summary>Events of the schedule's fan-out; ids only. Alerts match on the event ids (the queue's own are <c>Runs/QueueLog</c>).</summary>
internal static partial class DispatchLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information,
        Message = "Dispatch ({Trigger}, past due {IsPastDue}) queued {Queued} tenant runs; {Disabled} tenants disabled")]
    public static partial void Dispatched(ILogger logger, string trigger, bool isPastDue, int queued, int disabled);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} has an invalid row and is queued so its run records the problem: {Errors}")]
    public static partial void InvalidTenantQueued(ILogger logger, string tenantId, string errors);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} is quarantined since {QuarantinedAt}: not queued this time (tried once a day; an operator can clear it)")]
    public static partial void QuarantinedTenantWaits(ILogger logger, string tenantId, DateTimeOffset quarantinedAt);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Error,
        Message = "Tenant {TenantId} shares an account with another row and is queued so its run records the problem (it reads nothing): {Conflicts}")]
    public static partial void SharedAccountQueued(ILogger logger, string tenantId, string conflicts);
}
