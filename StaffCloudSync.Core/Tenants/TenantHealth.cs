namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// How a tenant's runs have been going: failures in a row that a retry cannot fix (credentials, configuration, a
/// missing secret), and — past a threshold — a quarantine: the schedule then tries the tenant once a day only, until
/// a run succeeds or an operator clears it.
/// </summary>
public sealed record TenantHealth(int ConsecutiveFailures, DateTimeOffset? QuarantinedAt, string? QuarantineReason, DateTimeOffset? LastQuarantineAttemptAt)
{
    public static TenantHealth Healthy { get; } = new(0, null, null, null);

    public bool IsQuarantined => QuarantinedAt is not null;
}
