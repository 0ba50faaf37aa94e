using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The words of sync-rules.md ("Words", and rule 2's "stale"), asked by the reader, the planner and the explainer alike.
/// Hard deletion needs the single reads' proof: <see cref="PlanningIndex.IsDeactivated"/>.</summary>
public static class Definitions
{
    public static bool IsActive(int? employeeStatus) => employeeStatus == StaffCloudStatus.EmployeeActive;

    public static bool IsDeactivatedStatus(int? employeeStatus) =>
        employeeStatus is StaffCloudStatus.EmployeeInactive or StaffCloudStatus.EmployeeDeleted;

    public static bool IsConfirmed(StaffCloudAssignment assignment) => assignment.Status == StaffCloudStatus.AssignmentConfirmed;

    /// <summary>Current-or-future event: status 2, and its end (or, without one, its start) after the run, in the tenant's wall clock.</summary>
    public static bool IsCurrentOrFuture(StaffCloudEvent staffCloudEvent, TenantTimeZone timeZone, DateTimeOffset now) =>
        staffCloudEvent.Status == StaffCloudStatus.EventActive
        && (staffCloudEvent.End ?? staffCloudEvent.Start) is { } boundary
        && timeZone.ToUtc(boundary) > now;

    public static bool IsEligible(int? employeeStatus, int currentConfirmedEvents) =>
        IsActive(employeeStatus) && currentConfirmedEvents > 0;

    /// <summary>The employee id of a synced person; null for a protected one, which the sync never changes or deletes.</summary>
    public static long? SyncedEmployeeId(string? externalId) => ExternalId.TryParseEmployeeId(externalId);

    /// <summary>Rule 2, in calendar months as <see cref="DateTimeOffset.AddMonths"/> counts them; never without a creation time.</summary>
    public static bool IsStale(MobieTrainInvitation invitation, int maxAgeMonths, DateTimeOffset now) =>
        invitation.CreatedAt is { } createdAt && createdAt <= now.AddMonths(-maxAgeMonths);
}
