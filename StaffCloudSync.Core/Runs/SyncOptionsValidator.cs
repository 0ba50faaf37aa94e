using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Runs;

/// <summary>
/// Fails start-up when a <c>Sync:*</c> value is out of its range, every such value at once, each named as a
/// configuration key and as the app setting an operator edits. How the budget compares with the lease is checked
/// with the lease, by <c>DispatchOptionsValidator</c>.
/// </summary>
internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    private const string Section = SyncOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string?[] checks =
        [
            // Seconds are allowed for tests and the sandbox; a budget beyond the Functions timeout could never be spent.
            AppSetting.OutOfRange(Section, nameof(SyncOptions.RunTimeBudget), options.RunTimeBudget, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30),
                "at most the Functions timeout, functionTimeout in host.json"),
            AppSetting.OutOfRange(Section, nameof(SyncOptions.MaxParallelWrites), options.MaxParallelWrites, 1, 64),
        ];

        return AppSetting.Result(checks);
    }
}
