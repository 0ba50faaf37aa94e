using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>
/// Fails start-up when <c>StaffCloud:*</c> cannot work or would send tokens somewhere other than StaffCloud. Each
/// message names the configuration key and its app-setting spelling (<c>__</c>), which is what an operator edits.
/// </summary>
internal sealed class StaffCloudOptionsValidator : IValidateOptions<StaffCloudOptions>
{
    private const string Override = "StaffCloud:BaseAddressOverride (StaffCloud__BaseAddressOverride)";
    private const string Allow = "StaffCloud:AllowBaseAddressOverride (StaffCloud__AllowBaseAddressOverride)";

    public ValidateOptionsResult Validate(string? name, StaffCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ValidateOverride(options, errors);
        return AppSetting.Result(errors);
    }

    private static void ValidateOverride(StaffCloudOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.BaseAddressOverride))
        {
            return;
        }

        if (!options.AllowBaseAddressOverride)
        {
            errors.Add($"{Override} is set, but {Allow} is not true. The override is for development and the sandbox " +
                "only: remove it, or set StaffCloud__AllowBaseAddressOverride=true to use a loopback simulator.");
            return;
        }

        // A sample tenant stands in for the placeholder; the client checks the real one again on every request.
        var sample = StaffCloudBaseAddress.ParseTemplate(options.BaseAddressOverride, "tenant");
        if (sample is null)
        {
            errors.Add($"{Override} must be an absolute http(s) URI without query, e.g. http://127.0.0.1:5123/{{tenant}}/api/v1/ " +
                $"(allowed only with {Allow}).");
        }
        else if (!sample.IsLoopback)
        {
            errors.Add($"{Override} points at host '{sample.Host}', which is not loopback (127.0.0.1, ::1, localhost): " +
                $"StaffCloud is reached only at https://<api tenant>.staff.cloud/api/v1/, and {Allow} allows loopback simulators only.");
        }
    }
}
