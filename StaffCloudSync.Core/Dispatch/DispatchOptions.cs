using System.ComponentModel.DataAnnotations;

namespace StaffCloudSync.Core.Dispatch;

/// <summary>How tenant runs are queued and guarded (section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>
    /// How long a run holds its tenant. Longer than the function timeout (a run cannot outlive it), short enough
    /// that a crashed run does not keep its tenant from the next scheduled run 12 hours later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "06:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(35);
}
