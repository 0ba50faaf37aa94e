using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>
/// Configuration section <c>MobieTrain</c>: where the provisioning API is and how the client talks to it
/// (app settings <c>MobieTrain__BaseUrl</c>, <c>MobieTrain__RequestsPerSecond</c>).
/// Checked at start-up by <see cref="MobieTrainOptionsValidator"/>.
/// </summary>
public sealed class MobieTrainOptions
{
    public const string SectionName = "MobieTrain";

    public const int MaxPageSize = 1000;

    /// <summary>
    /// The API's root; every path goes below it (<c>{BaseUrl}/v1/accounts/{accountId}/…</c>). A string rather than a
    /// <see cref="Uri"/> so that a relative or malformed value reaches the validator, whose message names the setting,
    /// instead of the configuration binder's conversion error.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Records asked for per list request (<c>limit</c>); the contract allows 1–<see cref="MaxPageSize"/>.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>The largest answer read: 64 MiB, where a page of 1,000 records is well under 1 MiB.</summary>
    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    /// <summary><see cref="DefaultPageSize"/>; not a setting (internal, so the binder leaves it alone), tests lower it in code.</summary>
    internal int PageSize { get; set; } = DefaultPageSize;

    /// <summary>Retries and timeouts: the constants of <see cref="HttpResilienceOptions"/>; not settings.</summary>
    internal HttpResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Requests per second and account the client sends at most, retries included, evenly spaced (0: no pacing).
    /// MobieTrain does not publish its limit; the integration plans for 25 (mobietrain-api.md) and paces just under.
    /// </summary>
    public double RequestsPerSecond { get; set; } = 24;

    /// <summary>
    /// The largest body one answer may have (<see cref="DefaultMaxResponseBytes"/>): an enormous answer fails the read
    /// as invalid instead of filling the host's memory. Not a setting; tests lower it in code.
    /// </summary>
    internal long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Former settings of this section (issue 22) that fail start-up when still configured.</summary>
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(PageSize), $"it is now the constant {DefaultPageSize} (MobieTrainOptions.DefaultPageSize)"),
        new(nameof(MaxResponseBytes), $"it is now the constant {DefaultMaxResponseBytes} bytes, 64 MiB (MobieTrainOptions.DefaultMaxResponseBytes)"),
        .. HttpResilienceOptions.RemovedSettings,
    ];

    /// <summary>
    /// <see cref="BaseUrl"/> with a trailing slash, so that relative paths resolve below it rather than replacing its
    /// last segment. Only valid once the validator has passed.
    /// </summary>
    internal Uri GetBaseUri() => new(BaseUrl!.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}
