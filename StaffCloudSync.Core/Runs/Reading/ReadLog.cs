namespace StaffCloudSync.Core.Runs.Reading;

/// <summary>Log lines of the snapshot read, event ids 1050–1059: tenant ids, employee ids and counts, never a profile.</summary>
internal static partial class ReadLog
{
    [LoggerMessage(EventId = 1050, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: StaffCloud's employees list left out employee {EmployeeId}, which the single read returned; it is synced as read")]
    public static partial void OmittedByList(ILogger logger, string tenantId, long employeeId);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: StaffCloud's employees list left out {Persons} synced persons ({Records} records, more than the deletion threshold of {Threshold}); they are held, not read one by one")]
    public static partial void MissingHeld(ILogger logger, string tenantId, int persons, int records, int threshold);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Information,
        Message = "Tenant {TenantId}: {Persons} synced persons answered 404 to their single read; proof that the single read works: the record of missing employee {EmployeeId}")]
    public static partial void ProvenByRecord(ILogger logger, string tenantId, int persons, long employeeId);

    [LoggerMessage(EventId = 1053, Level = LogLevel.Information,
        Message = "Tenant {TenantId}: {Persons} synced persons answered 404 to their single read; proof that the single read works: a control read of listed employee {EmployeeId}")]
    public static partial void ProvenByControlRead(ILogger logger, string tenantId, int persons, long employeeId);
}
