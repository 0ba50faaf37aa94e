using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>Where StaffCloud reaches the Functions app; only the operator CLI needs it, so the app may leave it out.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";
    public string? PublicBaseUrl { get; set; }
    public Uri? PublicBaseUri => Uri.TryCreate(PublicBaseUrl?.Trim(), UriKind.Absolute, out var uri) ? uri : null;
}

/// <summary>The URL carries a tenant's secret: https (http only on loopback), with no query or fragment the secret's would clash with.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl) || IsUsable(options.PublicBaseUri))
            return ValidateOptionsResult.Success;

        return ValidateOptionsResult.Fail(
            $"{AppSetting.Name(NotificationOptions.SectionName, nameof(NotificationOptions.PublicBaseUrl))} '{options.PublicBaseUrl}' is not an https address " +
            "without query or fragment (such as https://<function app>.azurewebsites.net; http only on loopback).");
    }

    // Also the check of the CLI's --base-url, so the option and the setting accept the same addresses.
    public static bool IsUsable(Uri? uri) => uri is { IsAbsoluteUri: true, Query: "", Fragment: "", UserInfo: "" }
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

/// <summary>The URL StaffCloud calls for one tenant; the route is the function's own constant, so the two cannot drift apart.</summary>
public static class NotificationUrl
{
    // Under host.json's extensions.http.routePrefix.
    public const string Route = "notifications/staffcloud/{tenantId}";
    public const string RoutePrefix = "api";

    public static Uri For(Uri publicBaseUrl, string tenantId, string secret) =>
        new Uri(string.Create(CultureInfo.InvariantCulture, $"{PathOf(publicBaseUrl, tenantId)}?secret={Uri.EscapeDataString(secret)}"));

    // Without its query: what identifies the product's own webhooks among a StaffCloud account's.
    public static string PathOf(Uri publicBaseUrl, string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var root = publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return $"{root}/{RoutePrefix}/{Route.Replace("{tenantId}", Uri.EscapeDataString(tenantId), StringComparison.Ordinal)}";
    }
}
