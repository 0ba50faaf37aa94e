namespace StaffCloudSync.Core.Runs.Leases;

/// <summary>One run per tenant at a time. A lease expires by itself, so a crashed run blocks its tenant for at most its duration.</summary>
public interface ITenantLeases
{
    // Refused also to runId itself: a second delivery of a run whose instance may still be writing must not run it twice at once.
    Task<LeaseResult> TryAcquireAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken);

    Task<bool> RenewAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>So no other run gets in between two invocations of one chain; the continuation's acquire then takes it once.</summary>
    Task<bool> HandOverAsync(string tenantId, string fromRunId, string toRunId, TimeSpan duration, CancellationToken cancellationToken);

    Task ReleaseAsync(string tenantId, string runId, CancellationToken cancellationToken);
}

public sealed record LeaseResult(bool Acquired, string? HeldByRunId, DateTimeOffset? HeldUntil)
{
    // Refused because this very run holds it: the message was delivered again while the run goes on.
    public bool IsHeldBy(string runId) => !Acquired && string.Equals(HeldByRunId, runId, StringComparison.Ordinal);
}
