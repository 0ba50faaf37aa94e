using StaffCloudSync.Core.Runs.Leases;

namespace StaffCloudSync.Core.Runs;

/// <summary>An inline run found its tenant held by another run; it is not waited for.</summary>
public sealed class TenantBusyException(string tenantId, LeaseResult lease)
    : Exception($"tenant '{tenantId}' is busy: run {lease.HeldByRunId ?? "?"} holds it until {lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z")
{
    public LeaseResult? Lease { get; } = lease;
}

/// <summary>Thrown to make the queue retry a run that failed for a reason a retry can help.</summary>
public sealed class SyncRetryException(string tenantId, string runId, string? reason)
    : Exception($"run {runId} of tenant '{tenantId}' failed transiently and is retried by the queue: {reason}");

/// <summary>"allow deletions" was asked for a tenant whose latest runs hold nothing.</summary>
public sealed class NothingHeldException(string message) : Exception(message);
