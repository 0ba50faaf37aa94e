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
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromDays(1);
}
