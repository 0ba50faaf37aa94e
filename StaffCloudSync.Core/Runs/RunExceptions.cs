using StaffCloudSync.Core.Runs.Leases;

namespace StaffCloudSync.Core.Runs;

public sealed class TenantBusyException(string tenantId, LeaseResult lease)
    : Exception($"tenant '{tenantId}' is busy: run {lease.HeldByRunId ?? "?"} holds it until {lease.HeldUntil:yyyy-MM-dd HH:mm:ss}Z")
{
    public LeaseResult? Lease { get; } = lease;
}

public sealed class SyncRetryException(string tenantId, string runId, string? reason)
    : Exception($"run {runId} of tenant '{tenantId}' failed transiently and is retried by the queue: {reason}");

public sealed class NothingHeldException(string message) : Exception(message);
