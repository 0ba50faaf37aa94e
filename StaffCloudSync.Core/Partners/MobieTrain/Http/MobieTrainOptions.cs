using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>Configuration section <c>MobieTrain</c> (app settings <c>MobieTrain__BaseUrl</c>, <c>MobieTrain__RequestsPerSecond</c>).</summary>
public sealed class MobieTrainOptions
{
    public const string SectionName = "MobieTrain";
    public const int MaxPageSize = 1000;
    public const int DefaultPageSize = 500;

    // A page of 1,000 records is well under 1 MiB.
    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    // A string rather than a Uri, so that a malformed value reaches the validator, whose message names the setting.
    public string? BaseUrl { get; set; }

    // Retries included, evenly spaced (0: no pacing). MobieTrain does not publish its limit; we plan for 25 (mobietrain-api.md).
    public double RequestsPerSecond { get; set; } = 24;

    // Not settings (internal, so the binder leaves them alone): the constants above, which tests lower in code.
    internal int PageSize { get; set; } = DefaultPageSize;
    internal long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;
    internal HttpResilienceOptions Resilience { get; set; } = new();

    // Former settings of this section (issue 22) that fail start-up when still configured.
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        new(nameof(PageSize), $"it is now the constant {DefaultPageSize} (MobieTrainOptions.DefaultPageSize)"),
        new(nameof(MaxResponseBytes), $"it is now the constant {DefaultMaxResponseBytes} bytes, 64 MiB (MobieTrainOptions.DefaultMaxResponseBytes)"),
        .. HttpResilienceOptions.RemovedSettings,
    ];

    // With a trailing slash, so that relative paths resolve below it.
    internal Uri GetBaseUri() => new(BaseUrl!.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}

internal sealed class MobieTrainOptionsValidator : IValidateOptions<MobieTrainOptions>
{
    public ValidateOptionsResult Validate(string? name, MobieTrainOptions options) => AppSetting.Result(Failures(options));

    private static IEnumerable<string> Failures(MobieTrainOptions options)
    {
        var setting = Setting(nameof(MobieTrainOptions.BaseUrl));
        var value = options.BaseUrl;
        if (string.IsNullOrWhiteSpace(value))
            yield return $"{setting} is not set: give the absolute URL of MobieTrain's provisioning API, e.g. https://api.mobietrain.example/.";
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return $"{setting} '{value}' is not an absolute http(s) URL.";
        else
        {
            // The API key travels in every request: plain http is allowed only where it never leaves the machine.
            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
                yield return $"{setting} '{value}' must use https (plain http is accepted only for a loopback host such as localhost or 127.0.0.1).";

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                yield return $"{setting} '{value}' must not carry a query or a fragment: paths and queries are added by the client.";
        }

        var rate = options.RequestsPerSecond;
        if (rate is < 0 or > 10_000 || double.IsNaN(rate))
            yield return $"{Setting(nameof(MobieTrainOptions.RequestsPerSecond))} must be from 0 (no pacing) to 10000; it is {rate}.";
    }

    private static string Setting(string key) => AppSetting.Name(MobieTrainOptions.SectionName, key);
}
