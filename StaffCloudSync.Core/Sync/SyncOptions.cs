namespace StaffCloudSync.Core.Sync;

/// <summary>
/// How the sync reads and writes (section <c>Sync</c>); the rules themselves are per tenant. Checked at start-up by
/// <see cref="SyncOptionsValidator"/>, which holds each setting's range.
/// </summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>
    /// How far before "now" the events read reaches. StaffCloud's filters compare wall-clock text, so the bound is
    /// widened a little (a time-zone offset, a clock slightly off) and the rules then test each event's end exactly.
    /// </summary>
    public TimeSpan EventReadMargin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long one invocation may spend before it stops between writes and hands the rest to a continuation
    /// (sync-rules.md, "Time budget"). Under the Functions timeout (30 min) and the lease, so a run is never killed
    /// mid-write; seconds are allowed because tests and the sandbox use short budgets.
    /// </summary>
    public TimeSpan RunTimeBudget { get; set; } = TimeSpan.FromMinutes(25);

    /// <summary>How many continuations one chain may queue; beyond it the run fails with that reason.</summary>
    public int MaxContinuations { get; set; } = 20;

    /// <summary>MobieTrain writes in flight at once for one tenant run.</summary>
    public int MaxParallelWrites { get; set; } = 8;

    /// <summary>
    /// A write that still fails transiently after its retries fails its record; this many such failures in a row
    /// mean MobieTrain is down, and the run stops (Failed) rather than spend every remaining write on an outage.
    /// </summary>
    public int MaxConsecutiveTransientFailures { get; set; } = 5;
}
