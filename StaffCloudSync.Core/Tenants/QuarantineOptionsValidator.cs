using StaffCloudSync.Core.AppSettings;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// Fails start-up when a <c>Quarantine:*</c> value is out of its range, named as a configuration key
/// and as the app setting an operator edits.
/// </summary>
internal sealed class QuarantineOptionsValidator : IValidateOptions<QuarantineOptions>
{
    private const string Section = QuarantineOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, QuarantineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string?[] checks =
        [
            AppSetting.OutOfRange(Section, nameof(QuarantineOptions.AfterFailures), options.AfterFailures, 1, 100),
        ];

        return AppSetting.Result(checks);
    }
}
