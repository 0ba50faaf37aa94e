namespace StaffCloudSync.Core.Tenants;

/// <summary>How a tenant's runs have been going: failures in a row that a retry cannot fix (credentials, configuration, a
/// missing secret), and — past a threshold — a quarantine: the schedule then tries the tenant once a day only, until
/// a run succeeds or an operator clears it. Also how long its work took last time, which orders the schedule's queue.</summary>
public sealed record TenantHealth(int ConsecutiveFailures, DateTimeOffset? QuarantinedAt, string? QuarantineReason, DateTimeOffset? LastQuarantineAttemptAt)
{
    public static TenantHealth Healthy { get; } = new(0, null, null, null);

    public bool IsQuarantined => QuarantinedAt is not null;

    /// <summary>Seconds the last finished chain of runs took; null for a new tenant. The longest is queued first (<see cref="DispatchOrder"/>).</summary>
    public double? LastRunSeconds { get; init; }

    /// <summary>Seconds the chain under way has taken so far: its continuations add to it until it ends.</summary>
    public double? ChainRunSeconds { get; init; }

    /// <summary>Healthy again, keeping the run times: lifting a quarantine says nothing about how long the tenant runs.</summary>
    public TenantHealth Cleared() => Healthy with { LastRunSeconds = LastRunSeconds, ChainRunSeconds = ChainRunSeconds };
}
