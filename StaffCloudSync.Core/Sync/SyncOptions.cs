using System.ComponentModel.DataAnnotations;

namespace StaffCloudSync.Core.Sync;

/// <summary>How the sync reads and writes (section <c>Sync</c>); the rules themselves are per tenant.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>
    /// How far back the assignment read reaches before "now". An assignment can end before its event does (a
    /// shift on the first day of a festival), so the bound is widened and the rules re-check the event's end.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan AssignmentLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>MobieTrain writes in flight at once for one tenant run.</summary>
    [Range(1, 64)]
    public int MaxParallelWrites { get; set; } = 8;

    /// <summary>
    /// A write that still fails transiently after its retries fails its record; this many such failures in a row
    /// mean MobieTrain is down, and the run stops (Failed) rather than spend every remaining write on an outage.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConsecutiveTransientFailures { get; set; } = 5;
}
