namespace StaffCloudSync.Core.Partners.StaffCloud;

public sealed record StaffCloudEmployee(
    long Id, int? Status, string? FirstName, string? LastName, string? Email, string? Mobile, string? Phone, string? CommunicationLanguage);

// Times of events and assignments are the tenant's wall clock, as sent, null when absent or unparsable.
public sealed record StaffCloudEvent(long Id, string? Name, int? Status, DateTime? Start, DateTime? End)
{
    public long? ProjectId { get; init; }
}

public sealed record StaffCloudAssignment(long Id, long EmployeeId, long EventId, int? Status, DateTime? Start, DateTime? End)
{
    public string? ProjectName { get; init; }
}

/// <summary>The status codes the rules depend on (staffcloud-api.md).</summary>
public static class StaffCloudStatus
{
    public const int EmployeeActive = 4;
    public const int EmployeeInactive = 5;
    public const int EmployeeDeleted = 6;
    public const int EventActive = 2;
    public const int AssignmentConfirmed = 7;
}
