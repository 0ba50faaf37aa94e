using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>
/// Fails start-up with messages that name the setting to fix, both as a configuration key (<c>MobieTrain:BaseUrl</c>)
/// and as the app setting an operator edits (<c>MobieTrain__BaseUrl</c>), instead of the first run failing later.
/// </summary>
internal sealed class MobieTrainOptionsValidator : IValidateOptions<MobieTrainOptions>
{
    public ValidateOptionsResult Validate(string? name, MobieTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckBaseUrl(options.BaseUrl, failures);

        if (options.RequestsPerSecond is < 0 or > 10_000 || double.IsNaN(options.RequestsPerSecond))
        {
            failures.Add($"{Setting(nameof(MobieTrainOptions.RequestsPerSecond))} must be from 0 (no pacing) to 10000; it is {options.RequestsPerSecond}.");
        }

        return AppSetting.Result(failures);
    }

    private static void CheckBaseUrl(string? value, List<string> failures)
    {
        var setting = Setting(nameof(MobieTrainOptions.BaseUrl));
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is not set: give the absolute URL of MobieTrain's provisioning API, e.g. https://api.mobietrain.example/.");
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{setting} '{value}' is not an absolute http(s) URL.");
            return;
        }

        // The API key travels in every request: plain http is allowed only where it never leaves the machine.
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            failures.Add($"{setting} '{value}' must use https (plain http is accepted only for a loopback host such as localhost or 127.0.0.1).");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            failures.Add($"{setting} '{value}' must not carry a query or a fragment: paths and queries are added by the client.");
        }
    }

    private static string Setting(string key) => AppSetting.Name(MobieTrainOptions.SectionName, key);
}
