namespace StaffCloudSync.Core.Failures;

/// <summary>
/// A failure that ends a whole tenant run (an API unreachable after retries, 401/403, a response that is not
/// what the API returns, a missing secret, an invalid tenant row). The message names the tenant and the cause
/// and is what an operator reads in the run record; it never contains a secret value.
/// </summary>
public class SyncRunException : Exception
{
    public SyncRunException(string tenantId, SyncFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        TenantId = tenantId;
        Kind = kind;
    }

    public SyncRunException() : base() { TenantId = string.Empty; }

    public SyncRunException(string message) : base(message) { TenantId = string.Empty; }

    public SyncRunException(string message, Exception innerException) : base(message, innerException) { TenantId = string.Empty; }

    public string TenantId { get; }

    public SyncFailureKind Kind { get; }

    /// <summary>True when trying again later can help (outage, throttling); false for what needs an operator.</summary>
    public bool IsTransient => Kind is SyncFailureKind.Unavailable;
}
