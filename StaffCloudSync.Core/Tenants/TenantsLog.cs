namespace StaffCloudSync.Core.Tenants;

/// <summary>Log lines of the Tenants table (event ids 2100–2199, docs/architecture.md).</summary>
internal static partial class TenantsLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Deletions allowed for tenant {TenantId}: approval {ApprovalId} covers {Persons} persons until {ExpiresAt}")]
    public static partial void DeletionsAllowed(ILogger logger, string tenantId, string approvalId, int persons, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Tenant {TenantId} changed while it was being written; reading it again (attempt {Attempt})")]
    public static partial void ChangeRetried(ILogger logger, string tenantId, int attempt);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: deletion approval {Blob} in the run-details container is unreadable; the approval reads as none and lets no deletion through. Grant it again with tenants allow-deletions")]
    public static partial void ApprovalUnreadable(ILogger logger, string tenantId, string blob);
}
