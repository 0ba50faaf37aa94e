namespace StaffCloudSync.Core.Tenants;

/// <summary>Log lines of the Tenants table (event ids 2100–2199, docs/architecture.md).</summary>
internal static partial class TenantsLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Deletions allowed for tenant {TenantId}: approval {ApprovalId} covers {Persons} persons until {ExpiresAt}")]
    public static partial void DeletionsAllowed(ILogger logger, string tenantId, string approvalId, int persons, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Tenant {TenantId} changed while it was being written; reading it again (attempt {Attempt})")]
    public static partial void ChangeRetried(ILogger logger, string tenantId, int attempt);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: deletion approval {ApprovalId} names blob {Blob} in the run-details container, which is gone; the approval reads as none and lets no deletion through. Grant it again with tenants allow-deletions")]
    public static partial void ApprovalPersonsMissing(ILogger logger, string tenantId, string approvalId, string blob);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: deletion approval {ApprovalId} names blob {Blob}, which is unreadable or not its own (another tenant, approval, or not {Persons} ids); the approval reads as none and lets no deletion through. Grant it again with tenants allow-deletions")]
    public static partial void ApprovalPersonsUnreadable(ILogger logger, string tenantId, string approvalId, string blob, int persons);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information,
        Message = "Tenant {TenantId}: blob {Blob}, no longer named by the tenant's row, was not deleted ({Reason}); it is never read again and may be deleted by hand")]
    public static partial void ApprovalPersonsNotDeleted(ILogger logger, string tenantId, string blob, string reason);
}
