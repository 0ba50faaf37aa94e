using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Runs;

/// <summary>How the sync reads and writes (section <c>Sync</c>): the public properties are settings, the rest constants (issue 22).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    // StaffCloud's filters compare wall-clock text, so the events read reaches back a little and the rules test each end exactly.
    public static readonly TimeSpan DefaultEventReadMargin = TimeSpan.FromDays(1);

    // This many records failing transiently in a row mean MobieTrain is down: the run stops rather than spend its writes on an outage.
    public const int DefaultMaxConsecutiveTransientFailures = 5;

    // 20 budgets of 25 minutes reach well past the next scheduled run: a longer chain is a fault to look at, not a limit to raise.
    public const int DefaultMaxContinuations = 20;

    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(EventReadMargin), $"it is now the constant {DefaultEventReadMargin} (SyncOptions.DefaultEventReadMargin)"),
        new(nameof(MaxConsecutiveTransientFailures),
            $"it is now the constant {DefaultMaxConsecutiveTransientFailures} (SyncOptions.DefaultMaxConsecutiveTransientFailures)"),
        new(nameof(MaxContinuations), $"it is now the constant {DefaultMaxContinuations} (SyncOptions.DefaultMaxContinuations)"),
    ];

    // sync-rules.md, "Time budget": under the Functions timeout and the lease, so a run is never killed mid-write.
    public TimeSpan RunTimeBudget { get; set; } = TimeSpan.FromMinutes(25);
    public int MaxParallelWrites { get; set; } = 8;

    // Internal, so the binder leaves these alone: not settings, tests lower them in code.
    internal int MaxContinuations { get; set; } = DefaultMaxContinuations;
    internal TimeSpan EventReadMargin { get; set; } = DefaultEventReadMargin;
    internal int MaxConsecutiveTransientFailures { get; set; } = DefaultMaxConsecutiveTransientFailures;
}

// The budget against the lease is DispatchOptionsValidator's.
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
