namespace StaffCloudSync.Core.StaffCloud;

/// <summary>
/// The StaffCloud reads the sync needs, shaped after the read plan in staffcloud-api.md.
/// The sync only reads StaffCloud; this interface has no write on purpose.
/// </summary>
public interface IStaffCloudClient
{
    /// <summary>Confirmed assignments (status 7) whose end lies after <paramref name="endAfterLocal"/> (tenant wall clock).</summary>
    IAsyncEnumerable<StaffCloudAssignment> GetConfirmedAssignmentsAsync(
        StaffCloudTarget target, DateTime endAfterLocal, CancellationToken cancellationToken);

    /// <summary>The events with these ids (any status); ids StaffCloud does not know are simply absent.</summary>
    IAsyncEnumerable<StaffCloudEvent> GetEventsAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken);

    /// <summary>The employees with these ids, whatever their status; hard-deleted ones are absent.</summary>
    IAsyncEnumerable<StaffCloudEmployee> GetEmployeesAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> employeeIds, CancellationToken cancellationToken);
}
