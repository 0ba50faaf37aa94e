namespace StaffCloudSync.Core.Platform.Failures;

/// <summary>A failure that ends a whole tenant run; its message, read in the run record, names the tenant and the cause, never a secret.</summary>
public class SyncRunException(string tenantId, SyncFailureKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string TenantId { get; } = tenantId;
    public SyncFailureKind Kind { get; } = kind;
    public bool IsTransient => Kind is SyncFailureKind.Unavailable;
}

/// <summary>Why a run failed, for the run record, retries, quarantine and the on-demand endpoints' HTTP status; only
/// <c>Unavailable</c> is one a later retry can fix.</summary>
public enum SyncFailureKind { Unavailable, Authentication, InvalidResponse, Configuration, MissingSecret, UnknownTenant }
