using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// When a failing tenant is quarantined and how often it is tried then (section <c>Quarantine</c>, whose settings are
/// all gone: the constants below, issue 22).
/// </summary>
public sealed class QuarantineOptions
{
    public const string SectionName = "Quarantine";

    /// <summary>
    /// Runs in a row that fail for a reason a retry cannot fix before the tenant is quarantined (sync-rules.md): three
    /// runs are a day and a half of the schedule, long enough to tell a fault from a passing hiccup.
    /// </summary>
    public const int DefaultAfterFailures = 3;

    /// <summary><see cref="DefaultAfterFailures"/>; not a setting, tests lower it in code.</summary>
    internal int AfterFailures { get; set; } = DefaultAfterFailures;

    /// <summary>How often the schedule still tries a quarantined tenant (it runs twice a day otherwise).</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromDays(1);

    /// <summary><see cref="DefaultRetryInterval"/>; not a setting (internal, so the binder leaves it alone).</summary>
    internal TimeSpan RetryInterval { get; set; } = DefaultRetryInterval;

    /// <summary>Former settings of this section (issue 22) that fail start-up when still configured.</summary>
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(AfterFailures), $"it is now the constant {DefaultAfterFailures} (QuarantineOptions.DefaultAfterFailures)"),
        new(nameof(RetryInterval), $"it is now the constant {DefaultRetryInterval} (QuarantineOptions.DefaultRetryInterval)"),
    ];
}
