using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Runs;

/// <summary>How the sync reads and writes (section <c>Sync</c>): the public properties are settings, the rest constants (issue 22).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>How far before "now" the events read reaches. StaffCloud's filters compare wall-clock text, so the bound is
    /// widened a little (a time-zone offset, a clock slightly off) and the rules then test each event's end exactly.</summary>
    public static readonly TimeSpan DefaultEventReadMargin = TimeSpan.FromDays(1);

    /// <summary>A write that still fails transiently after its retries fails its record; this many such failures in a row
    /// mean MobieTrain is down, and the run stops (Failed) rather than spend every remaining write on an outage.</summary>
    public const int DefaultMaxConsecutiveTransientFailures = 5;

    /// <summary>How many continuations one chain may queue; beyond it the run fails with that reason. 20 budgets of 25 minutes
    /// reach well past the next scheduled run, so a chain this long is a fault to look at, not a limit to raise.</summary>
    public const int DefaultMaxContinuations = 20;

    /// <summary>Former settings of this section (issue 22) that fail start-up when still configured.</summary>
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(EventReadMargin), $"it is now the constant {DefaultEventReadMargin} (SyncOptions.DefaultEventReadMargin)"),
        new(nameof(MaxConsecutiveTransientFailures),
            $"it is now the constant {DefaultMaxConsecutiveTransientFailures} (SyncOptions.DefaultMaxConsecutiveTransientFailures)"),
        new(nameof(MaxContinuations), $"it is now the constant {DefaultMaxContinuations} (SyncOptions.DefaultMaxContinuations)"),
    ];

    /// <summary>How long one invocation may spend before it stops between writes and hands the rest to a continuation
    /// (sync-rules.md, "Time budget"). Under the Functions timeout and the lease, so a run is never killed mid-write.</summary>
    public TimeSpan RunTimeBudget { get; set; } = TimeSpan.FromMinutes(25);

    /// <summary>MobieTrain writes in flight at once for one tenant run.</summary>
    public int MaxParallelWrites { get; set; } = 8;

    // Internal, so the binder leaves these alone: not settings, tests lower them in code.
    internal int MaxContinuations { get; set; } = DefaultMaxContinuations;

    internal TimeSpan EventReadMargin { get; set; } = DefaultEventReadMargin;

    internal int MaxConsecutiveTransientFailures { get; set; } = DefaultMaxConsecutiveTransientFailures;
}

/// <summary>How the budget compares with the lease is checked with the lease, by <see cref="DispatchOptionsValidator"/>.</summary>
internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    private const string Section = SyncOptions.SectionName;

    // Seconds are allowed for tests and the sandbox; a budget beyond the Functions timeout could never be spent.
    public ValidateOptionsResult Validate(string? name, SyncOptions options) => AppSetting.Result(
    [
        AppSetting.OutOfRange(Section, nameof(SyncOptions.RunTimeBudget), options.RunTimeBudget, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30),
            "at most the Functions timeout, functionTimeout in host.json"),
        AppSetting.OutOfRange(Section, nameof(SyncOptions.MaxParallelWrites), options.MaxParallelWrites, 1, 64),
    ]);
}
