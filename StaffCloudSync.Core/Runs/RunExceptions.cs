using StaffCloudSync.Core.Runs.Leases;

namespace StaffCloudSync.Core.Runs;

/// <summary>An inline run found its tenant held by another run; it is not waited for.</summary>
public sealed class TenantBusyException : Exception
{
    public TenantBusyException(string tenantId, LeaseResult lease)
        : base($"tenant '{tenantId}' is busy: run {lease?.HeldByRunId ?? "?"} holds it until {lease?.HeldUntil:yyyy-MM-dd HH:mm:ss}Z")
    {
        TenantId = tenantId;
        Lease = lease;
    }

    public TenantBusyException() { }

    public TenantBusyException(string message) : base(message) { }

    public TenantBusyException(string message, Exception innerException) : base(message, innerException) { }

    public string? TenantId { get; }

    public LeaseResult? Lease { get; }
}

/// <summary>Thrown to make the queue retry a run that failed for a reason a retry can help.</summary>
public sealed class SyncRetryException : Exception
{
    public SyncRetryException(string tenantId, string runId, string? reason)
        : base($"run {runId} of tenant '{tenantId}' failed transiently and is retried by the queue: {reason}")
    {
    }

    public SyncRetryException() { }

    public SyncRetryException(string message) : base(message) { }

    public SyncRetryException(string message, Exception innerException) : base(message, innerException) { }
}
