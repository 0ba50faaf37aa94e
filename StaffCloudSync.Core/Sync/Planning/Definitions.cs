using StaffCloudSync.Core.Rules;
using StaffCloudSync.Core.StaffCloud;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The words of sync-rules.md ("Words") as code, in one place: the reader (Sync/Reading), the planner and the explainer
/// (Core/Explain) ask these and code none of them again. Hard deletion needs the run's single reads, so
/// <see cref="PlanningIndex.IsDeactivated"/> adds that proof to <see cref="IsDeactivatedStatus"/>.
/// </summary>
public static class Definitions
{
    /// <summary>Active employee: status 4.</summary>
    public static bool IsActive(int? employeeStatus) => employeeStatus == StaffCloudStatus.EmployeeActive;

    /// <summary>Deactivated by status: 5 (inactive) or 6 (deleted).</summary>
    public static bool IsDeactivatedStatus(int? employeeStatus) =>
        employeeStatus is StaffCloudStatus.EmployeeInactive or StaffCloudStatus.EmployeeDeleted;

    /// <summary>Confirmed assignment: status 7, no other.</summary>
    public static bool IsConfirmed(StaffCloudAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return assignment.Status == StaffCloudStatus.AssignmentConfirmed;
    }

    /// <summary>Current-or-future event: status 2, and its end (or, without one, its start) after the run, in the tenant's wall clock.</summary>
    public static bool IsCurrentOrFuture(StaffCloudEvent staffCloudEvent, TenantTimeZone timeZone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(staffCloudEvent);
        ArgumentNullException.ThrowIfNull(timeZone);
        return staffCloudEvent.Status == StaffCloudStatus.EventActive
            && (staffCloudEvent.End ?? staffCloudEvent.Start) is { } boundary
            && timeZone.ToUtc(boundary) > now;
    }

    /// <summary>Eligible employee: active, and confirmed on at least one current-or-future event.</summary>
    public static bool IsEligible(int? employeeStatus, int currentConfirmedEvents) =>
        IsActive(employeeStatus) && currentConfirmedEvents > 0;
}
