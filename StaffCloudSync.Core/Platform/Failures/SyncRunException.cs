namespace StaffCloudSync.Core.Platform.Failures;

/// <summary>A failure that ends a whole tenant run (an API unreachable after retries, 401/403, a response that is not
/// what the API returns, a missing secret, an invalid tenant row). The message names the tenant and the cause
/// and is what an operator reads in the run record; it never contains a secret value.</summary>
public class SyncRunException(string tenantId, SyncFailureKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string TenantId { get; } = tenantId;
    public SyncFailureKind Kind { get; } = kind;
    public bool IsTransient => Kind is SyncFailureKind.Unavailable;
}

/// <summary>Why a run failed, for the run record, retries, quarantine and the HTTP status of the on-demand endpoints.
/// The vocabulary sits below everything that uses it: the clients, the stores and the engine all speak it.</summary>
public enum SyncFailureKind
{
    /// <summary>The one kind a later retry can fix: an API unreachable, throttled or timing out after retries.</summary>
    Unavailable,
    Authentication,
    InvalidResponse,
    Configuration,
    MissingSecret,
    UnknownTenant,
}
