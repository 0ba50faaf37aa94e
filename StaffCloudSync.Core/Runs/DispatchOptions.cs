using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Runs;

public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    // host.json's functionTimeout, deployed with the app, so a constant of the build.
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromMinutes(30);
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(35);
}

/// <summary>The lease must outlive the longest run (the Functions timeout), and the run time budget stays under both.</summary>
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
