using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>Configuration section <c>StaffCloud</c>: how the client reaches StaffCloud.</summary>
public sealed class StaffCloudOptions
{
    public const string SectionName = "StaffCloud";

    // StaffCloud answered id= lists of 200 in live use; more is untested, so 200 is also the ceiling.
    public const int MaxBatchSize = 200;

    // The largest body of one list (256 MiB, some hundred thousand records): beyond it the read fails as invalid.
    public const long DefaultMaxResponseBytes = 256L * 1024 * 1024;

    /// <summary>Development and sandbox only: honoured with <see cref="AllowBaseAddressOverride"/> and a loopback host.</summary>
    public string? BaseAddressOverride { get; set; }
    public bool AllowBaseAddressOverride { get; set; }

    // Not settings (internal, so the binder leaves them alone): the constants above, which tests and the bench change in code.
    internal int BatchSize { get; set; } = MaxBatchSize;
    internal long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;
    internal HttpResilienceOptions Resilience { get; set; } = new();

    // Former settings of this section (issue 22) that fail start-up when still configured.
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(BatchSize), $"StaffCloud is always asked for {MaxBatchSize} ids per request (StaffCloudOptions.MaxBatchSize)"),
        new(nameof(MaxResponseBytes), $"it is now the constant {DefaultMaxResponseBytes} bytes, 256 MiB (StaffCloudOptions.DefaultMaxResponseBytes)"),
        .. HttpResilienceOptions.RemovedSettings,
    ];
}

// Fails start-up when StaffCloud:* would send tokens elsewhere than StaffCloud; each message names what to edit.
internal sealed class StaffCloudOptionsValidator : IValidateOptions<StaffCloudOptions>
{
    private const string Override = "StaffCloud:BaseAddressOverride (StaffCloud__BaseAddressOverride)";
    private const string Allow = "StaffCloud:AllowBaseAddressOverride (StaffCloud__AllowBaseAddressOverride)";

    public ValidateOptionsResult Validate(string? name, StaffCloudOptions options) => AppSetting.Result([Failure(options)]);

    private static string? Failure(StaffCloudOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseAddressOverride))
            return null;

        if (!options.AllowBaseAddressOverride)
        {
            return $"{Override} is set, but {Allow} is not true. The override is for development and the sandbox " +
                "only: remove it, or set StaffCloud__AllowBaseAddressOverride=true to use a loopback simulator.";
        }

        // A sample tenant stands in for the placeholder; the client checks the real one again on every request.
        return StaffCloudBaseAddress.ParseTemplate(options.BaseAddressOverride, "tenant") switch
        {
            null => $"{Override} must be an absolute http(s) URI without query, e.g. http://127.0.0.1:5123/{{tenant}}/api/v1/ " +
                $"(allowed only with {Allow}).",
            { IsLoopback: false } sample => $"{Override} points at host '{sample.Host}', which is not loopback (127.0.0.1, ::1, localhost): " +
                $"StaffCloud is reached only at https://<api tenant>.staff.cloud/api/v1/, and {Allow} allows loopback simulators only.",
            _ => null,
        };
    }
}
