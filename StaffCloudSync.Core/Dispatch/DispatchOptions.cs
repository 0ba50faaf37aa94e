using System.ComponentModel.DataAnnotations;

namespace StaffCloudSync.Core.Dispatch;

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
    /// the function timeout (checked by <see cref="DispatchOptionsValidator"/>), short enough that a crashed run does
    /// not keep its tenant from the next scheduled run 12 hours later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "06:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(35);
}

/// <summary>
/// The lease must outlive the longest run: a shorter one would let a second run in beside a running one. The longest
/// run is the Functions timeout, and the run time budget (<c>Sync:RunTimeBudget</c>) stays under both.
/// </summary>
public sealed class DispatchOptionsValidator(Microsoft.Extensions.Options.IOptions<Sync.SyncOptions>? sync = null)
    : Microsoft.Extensions.Options.IValidateOptions<DispatchOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LeaseDuration <= DispatchOptions.FunctionTimeout)
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                $"Dispatch:LeaseDuration ({options.LeaseDuration}) must be longer than the Functions timeout (functionTimeout in host.json, {DispatchOptions.FunctionTimeout}): " +
                "a run that outlives its lease could run beside the next one.");
        }

        var budget = sync?.Value.RunTimeBudget;
        return budget is { } b && (b >= options.LeaseDuration || b > DispatchOptions.FunctionTimeout)
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                $"Sync:RunTimeBudget ({b}) must be shorter than Dispatch:LeaseDuration ({options.LeaseDuration}) and at most the Functions timeout ({DispatchOptions.FunctionTimeout}): " +
                "a run must stop at its budget before the host kills it or its lease lapses.")
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}
