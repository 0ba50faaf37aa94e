using StaffCloudSync.Core.Scheduling;

namespace StaffCloudSync.Functions.Functions;

/// <summary>Twice a day (<c>SyncSchedule</c>): one queue message per enabled tenant.</summary>
public sealed class ScheduledDispatch(TenantDispatcher dispatcher)
{
    [Function(nameof(ScheduledDispatch))]
    public Task RunAsync([TimerTrigger("%SyncSchedule%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(timer.IsPastDue, cancellationToken);
}
