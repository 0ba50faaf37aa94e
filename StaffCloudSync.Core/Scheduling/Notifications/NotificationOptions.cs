using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>Section <c>Notifications</c>: where StaffCloud reaches the Functions app. Only the operator CLI needs it (to print and
/// register the notification URL), so it may be left out of the app's settings.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The Functions app's public address, e.g. <c>https://func-staffcloudsync-prod.azurewebsites.net</c>.</summary>
    public string? PublicBaseUrl { get; set; }

    public Uri? PublicBaseUri => Uri.TryCreate(PublicBaseUrl?.Trim(), UriKind.Absolute, out var uri) ? uri : null;
}

/// <summary>The URL carries a tenant's secret to StaffCloud: it must be https (http only to this machine, for local runs), with no
/// query or fragment that the secret's query would clash with. Left out, it is not needed (only the CLI uses it).</summary>
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

    /// <summary>Also the check of the CLI's <c>--base-url</c>, so the option and the setting accept the same addresses.</summary>
    public static bool IsUsable(Uri? uri) =>
        uri is { IsAbsoluteUri: true, Query: "", Fragment: "", UserInfo: "" }
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

/// <summary>The URL StaffCloud calls for one tenant: <c>{app}/api/notifications/staffcloud/{tenantId}?secret=…</c>. The route is
/// the function's own (a constant, so the two cannot drift apart); the secret is escaped, so any Key Vault value survives.</summary>
public static class NotificationUrl
{
    /// <summary>The function's route under the host's <c>api</c> prefix (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string Route = "notifications/staffcloud/{tenantId}";

    public const string RoutePrefix = "api";

    public static Uri For(Uri publicBaseUrl, string tenantId, string secret) =>
        new Uri(string.Create(CultureInfo.InvariantCulture, $"{PathOf(publicBaseUrl, tenantId)}?secret={Uri.EscapeDataString(secret)}"));

    /// <summary>The URL without its query: what identifies the product's own webhooks among a StaffCloud account's.</summary>
    public static string PathOf(Uri publicBaseUrl, string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var root = publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return $"{root}/{RoutePrefix}/{Route.Replace("{tenantId}", Uri.EscapeDataString(tenantId), StringComparison.Ordinal)}";
    }
}
