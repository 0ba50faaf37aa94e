using StaffCloudSync.Core.AppSettings;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// When a failing tenant is quarantined and how often it is tried then (section <c>Quarantine</c>). Checked at start-up
/// by <see cref="QuarantineOptionsValidator"/>, which holds each setting's range.
/// </summary>
public sealed class QuarantineOptions
{
    public const string SectionName = "Quarantine";

    /// <summary>Runs in a row that fail for a reason a retry cannot fix before the tenant is quarantined.</summary>
    public int AfterFailures { get; set; } = 3;

    /// <summary>How often the schedule still tries a quarantined tenant (it runs twice a day otherwise).</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromDays(1);

    /// <summary><see cref="DefaultRetryInterval"/>; not a setting (internal, so the binder leaves it alone).</summary>
    internal TimeSpan RetryInterval { get; set; } = DefaultRetryInterval;

    /// <summary>Former settings of this section (issue 22) that fail start-up when still configured.</summary>
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(RetryInterval), $"it is now the constant {DefaultRetryInterval} (QuarantineOptions.DefaultRetryInterval)"),
    ];
}
