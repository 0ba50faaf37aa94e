using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Tenants;

/// <summary>Failures in a row that a retry cannot fix and, past <see cref="QuarantineOptions.AfterFailures"/>, a quarantine (tried
/// once a day until a run succeeds or an operator clears it); and the run times that order the schedule's queue.</summary>
public sealed record TenantHealth(int ConsecutiveFailures, DateTimeOffset? QuarantinedAt, string? QuarantineReason, DateTimeOffset? LastQuarantineAttemptAt)
{
    public static TenantHealth Healthy { get; } = new(0, null, null, null);
    public bool IsQuarantined => QuarantinedAt is not null;

    /// <summary>Seconds the last finished chain of runs took; null for a new tenant.</summary>
    public double? LastRunSeconds { get; init; }
    public double? ChainRunSeconds { get; init; }

    /// <summary>Healthy again, keeping the run times: lifting a quarantine says nothing about how long the tenant runs.</summary>
    public TenantHealth Cleared() => Healthy with { LastRunSeconds = LastRunSeconds, ChainRunSeconds = ChainRunSeconds };
}

/// <summary>Longest-processing-time first (a long tenant taken last would end the day alone while the pool idles); tenants without
/// a run time first, as a first run (onboarding invites everyone) is the heaviest. Ties keep the table's order.</summary>
public static class DispatchOrder
{
    public static IEnumerable<TenantRecord> Of(IEnumerable<TenantRecord> tenants) =>
        tenants.OrderBy(t => t.Health.LastRunSeconds is null ? 0 : 1).ThenByDescending(t => t.Health.LastRunSeconds ?? 0);
}

public sealed class QuarantineOptions
{
    public const string SectionName = "Quarantine";

    /// <summary>Sync-rules.md: three runs are a day and a half of the schedule, long enough to tell a fault from a hiccup.</summary>
    public const int DefaultAfterFailures = 3;
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromDays(1);

    // Not settings (internal, so the binder leaves them alone): tests change them in code.
    internal int AfterFailures { get; set; } = DefaultAfterFailures;
    internal TimeSpan RetryInterval { get; set; } = DefaultRetryInterval;

    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(AfterFailures), $"it is now the constant {DefaultAfterFailures} (QuarantineOptions.DefaultAfterFailures)"),
        new(nameof(RetryInterval), $"it is now the constant {DefaultRetryInterval} (QuarantineOptions.DefaultRetryInterval)"),
    ];
}
