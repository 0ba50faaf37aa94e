using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Tenants;

/// <summary>When a failing tenant is quarantined and how often it is tried then; section <c>Quarantine</c>'s settings are gone (issue 22).</summary>
public sealed class QuarantineOptions
{
    public const string SectionName = "Quarantine";

    /// <summary>Runs in a row that fail for a reason a retry cannot fix before the tenant is quarantined (sync-rules.md): three
    /// runs are a day and a half of the schedule, long enough to tell a fault from a passing hiccup.</summary>
    public const int DefaultAfterFailures = 3;

    /// <summary>How often the schedule still tries a quarantined tenant (it runs twice a day otherwise).</summary>
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
