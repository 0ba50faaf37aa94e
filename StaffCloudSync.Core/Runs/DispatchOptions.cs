using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Runs;

/// <summary>How tenant runs are queued and guarded (section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>The Functions host's <c>functionTimeout</c> (host.json, deployed with the app, so a constant of the build).</summary>
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How long a run holds its tenant without a renewal (renewed while the run is active).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(35);
}

/// <summary>The lease must outlive the longest run: a shorter one would let a second run in beside a running one. The longest
/// run is the Functions timeout, and the run time budget (<c>Sync:RunTimeBudget</c>) stays under both. Every failure
/// at once, each naming the configuration key and the app setting an operator edits.</summary>
public sealed class DispatchOptionsValidator(IOptions<SyncOptions>? sync = null) : IValidateOptions<DispatchOptions>
{
    private static readonly TimeSpan LongestLease = TimeSpan.FromHours(6);
    private static readonly string Lease = AppSetting.Name(DispatchOptions.SectionName, nameof(DispatchOptions.LeaseDuration));
    private static readonly string Budget = AppSetting.Name(SyncOptions.SectionName, nameof(SyncOptions.RunTimeBudget));

    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        var failures = new List<string>();
        var lease = options.LeaseDuration;

        // No floor of its own: the lease must already outlive the Functions timeout.
        var allowed = $"must be longer than the Functions timeout (functionTimeout in host.json, {DispatchOptions.FunctionTimeout}) and at most {LongestLease}; it is {lease}";
        if (lease <= DispatchOptions.FunctionTimeout)
            failures.Add($"{Lease} {allowed}: a run that outlives its lease could run beside the next one.");
        else if (lease > LongestLease)
            failures.Add($"{Lease} {allowed}: a crashed run's lease would keep its tenant from the next scheduled run.");

        // Compared with a lease already refused, the budget would only repeat the lease's mistake.
        var leaseRefused = failures.Count > 0;
        if (RunTimeBudget() is { } budget && (budget > DispatchOptions.FunctionTimeout || (!leaseRefused && budget >= lease)))
        {
            failures.Add($"{Budget} must be shorter than {Lease} ({lease}) and at most the Functions timeout ({DispatchOptions.FunctionTimeout}); " +
                $"it is {budget}: a run must stop at its budget before the host kills it or its lease lapses.");
        }

        return AppSetting.Result(failures);
    }

    /// <summary>The budget, or null when there is none to compare or the <c>Sync</c> section is itself invalid.</summary>
    private TimeSpan? RunTimeBudget()
    {
        try
        {
            return sync?.Value.RunTimeBudget;
        }
        catch (OptionsValidationException)
        {
            // SyncOptionsValidator reports that section; letting its exception out here would report it twice.
            return null;
        }
    }
}
