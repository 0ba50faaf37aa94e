namespace StaffCloudSync.Core.Partners.StaffCloud;

/// <summary>The read plan of staffcloud-api.md; no write, on purpose. Every id must be positive: <c>id=-5</c> is "everyone but 5".</summary>
public interface IStaffCloudClient
{
    /// <summary>Active events (status 2) whose end, or start when they have none, lies after <paramref name="afterLocal"/>.</summary>
    IAsyncEnumerable<StaffCloudEvent> GetActiveEventsAsync(StaffCloudTarget target, DateTime afterLocal, CancellationToken cancellationToken);

    /// <summary>The confirmed assignments (status 7) of these events, whatever the assignments' own times.</summary>
    IAsyncEnumerable<StaffCloudAssignment> GetConfirmedAssignmentsAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken);

    /// <summary>The employees with these ids, whatever their status (every status is asked for by name).</summary>
    IAsyncEnumerable<StaffCloudEmployee> GetEmployeesAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> employeeIds, CancellationToken cancellationToken);

    /// <summary>One employee, or null when StaffCloud answers 404 with its JSON error answer (part of the proof of a hard deletion).</summary>
    Task<StaffCloudEmployee?> GetEmployeeAsync(StaffCloudTarget target, long employeeId, CancellationToken cancellationToken);
}

/// <summary>The host label and the secret holding the token; never the token, so it cannot be logged.</summary>
public sealed record StaffCloudTarget(string TenantId, string ApiTenant, string TokenSecretName);
