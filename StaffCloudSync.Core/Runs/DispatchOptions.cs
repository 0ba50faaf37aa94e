namespace StaffCloudSync.Core.Runs;

/// <summary>How tenant runs are queued and guarded (section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>
    /// The Functions host's <c>functionTimeout</c> (host.json, deployed with the app, so a constant of the build): no run
    /// outlives it, and the lease must outlive the run.
    /// </summary>
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a run holds its tenant without a renewal (the lease is renewed while the run is active). Longer than
    /// the function timeout, short enough (at most 6 hours) that a crashed run does not keep its tenant from the next
    /// scheduled run 12 hours later; both checked by <see cref="DispatchOptionsValidator"/>.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(35);
}
