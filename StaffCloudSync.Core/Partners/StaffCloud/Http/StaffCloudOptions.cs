using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>
/// Configuration section <c>StaffCloud</c>: how the client reaches StaffCloud. Checked at start-up by
/// <see cref="StaffCloudOptionsValidator"/>.
/// </summary>
public sealed class StaffCloudOptions
{
    public const string SectionName = "StaffCloud";

    /// <summary>StaffCloud answered <c>id=</c> lists of 200 in live use; more is untested, so 200 is also the ceiling.</summary>
    public const int MaxBatchSize = 200;

    /// <summary>
    /// For development and the sandbox only: a template such as <c>http://127.0.0.1:5123/{tenant}/api/v1/</c> used
    /// instead of <c>https://&lt;api tenant&gt;.staff.cloud/api/v1/</c>. Honoured only together with
    /// <see cref="AllowBaseAddressOverride"/> and only for a loopback host, so a stray setting in production cannot
    /// send a tenant's token anywhere else.
    /// </summary>
    public string? BaseAddressOverride { get; set; }

    /// <summary>The explicit second key that makes <see cref="BaseAddressOverride"/> count.</summary>
    public bool AllowBaseAddressOverride { get; set; }

    /// <summary>
    /// Ids per <c>id=</c> request: <see cref="MaxBatchSize"/>. Not a setting (internal, so the binder leaves it alone);
    /// tests may lower it in code.
    /// </summary>
    internal int BatchSize { get; set; } = MaxBatchSize;

    /// <summary>
    /// The largest body one list request may answer with (256 MiB — some hundred thousand records): beyond it the read
    /// fails as an invalid response rather than growing without bound.
    /// </summary>
    public const long DefaultMaxResponseBytes = 256L * 1024 * 1024;

    /// <summary><see cref="DefaultMaxResponseBytes"/>; not a setting, tests and the bench change it in code.</summary>
    internal long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Retries and timeouts of every StaffCloud request: the constants of <see cref="HttpResilienceOptions"/>; not settings.</summary>
    internal HttpResilienceOptions Resilience { get; set; } = new();

    /// <summary>Former settings of this section (issue 22) that fail start-up when still configured.</summary>
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(BatchSize), $"StaffCloud is always asked for {MaxBatchSize} ids per request (StaffCloudOptions.MaxBatchSize)"),
        new(nameof(MaxResponseBytes), $"it is now the constant {DefaultMaxResponseBytes} bytes, 256 MiB (StaffCloudOptions.DefaultMaxResponseBytes)"),
        .. HttpResilienceOptions.RemovedSettings,
    ];
}
