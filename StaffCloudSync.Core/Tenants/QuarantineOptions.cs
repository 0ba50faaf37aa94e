using System.ComponentModel.DataAnnotations;

namespace StaffCloudSync.Core.Tenants;

/// <summary>When a failing tenant is quarantined and how often it is tried then (section <c>Quarantine</c>).</summary>
public sealed class QuarantineOptions
{
    public const string SectionName = "Quarantine";

    /// <summary>Runs in a row that fail for a reason a retry cannot fix before the tenant is quarantined.</summary>
    [Range(1, 100)]
    public int AfterFailures { get; set; } = 3;

    /// <summary>How often the schedule still tries a quarantined tenant (it runs twice a day otherwise).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromDays(1);
}
