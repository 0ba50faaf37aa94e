using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Operations;

/// <summary>
/// Check 4: whether staff confirm at all in this tenant ("depending on your employer's configuration", staffcloud-api.md):
/// the confirmed assignments (status 7) on active events of the last and next 90 days, read with the client's own reads
/// (active events ending after the window's start, their confirmed assignments in id batches) and bounded on this side.
/// </summary>
public static class ConfirmationCheck
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public static async Task<TenantCheckLine> RunAsync(
        IStaffCloudClient staffCloud, StaffCloudTarget target, TenantTimeZone zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staffCloud);
        ArgumentNullException.ThrowIfNull(zone);
        var from = zone.ToWallClock(now - Window);
        var to = zone.ToWallClock(now + Window);
        var window = $"between {Day(from)} and {Day(to)}";
        var events = await staffCloud.GetActiveEventsAsync(target, from, cancellationToken)
            .Where(e => InWindow(e, from, to)).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return TenantCheckLine.Warn(TenantCheckNames.Confirmations,
                $"no active event {window}: nothing to invite anyone to yet; check the StaffCloud tenant ({target.ApiTenant}) is the right one");
        }

        var ids = events.Select(e => e.Id).Where(id => id > 0).Distinct().ToList();
        var confirmed = await staffCloud.GetConfirmedAssignmentsAsync(target, ids, cancellationToken)
            .Where(a => a.Status == StaffCloudStatus.AssignmentConfirmed).ToListAsync(cancellationToken);
        if (confirmed.Count == 0)
        {
            return TenantCheckLine.Warn(TenantCheckNames.Confirmations,
                $"no confirmed assignment (status 7) on the {events.Count} active events {window}: staff may not be able to confirm in this tenant "
                + "(a StaffCloud setting); the sync invites only people confirmed on a current or future event");
        }

        var people = confirmed.Select(a => a.EmployeeId).Distinct().Count();
        var staffed = confirmed.Select(a => a.EventId).Distinct().Count();
        return TenantCheckLine.Pass(TenantCheckNames.Confirmations,
            $"{confirmed.Count} confirmed assignments ({people} people) on {staffed} of the {events.Count} active events {window}");
    }

    /// <summary>An active event that overlaps the window (StaffCloud's filters are re-checked: unknown ones are ignored).</summary>
    private static bool InWindow(StaffCloudEvent e, DateTime from, DateTime to) =>
        e.Status == StaffCloudStatus.EventActive && (e.Start ?? e.End) is { } start && (e.End ?? e.Start) is { } end && end > from && start < to;

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
