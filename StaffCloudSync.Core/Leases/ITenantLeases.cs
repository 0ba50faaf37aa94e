namespace StaffCloudSync.Core.Leases;

/// <summary>
/// One run per tenant at a time: a run holds its tenant's lease while it reads, plans and applies. A lease
/// expires by itself, so a crashed run blocks its tenant for at most the lease's duration.
/// </summary>
public interface ITenantLeases
{
    /// <summary>Takes the tenant's lease for <paramref name="runId"/>, or returns who holds it.</summary>
    Task<LeaseResult> TryAcquireAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease back if <paramref name="runId"/> still holds it.</summary>
    Task ReleaseAsync(string tenantId, string runId, CancellationToken cancellationToken);
}

/// <summary>Whether the lease was taken; if not, the run that holds it and until when.</summary>
public sealed record LeaseResult(bool Acquired, string? HeldByRunId, DateTimeOffset? HeldUntil);
