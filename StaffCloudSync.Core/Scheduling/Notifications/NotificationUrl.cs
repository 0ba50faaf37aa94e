namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>
/// The URL StaffCloud calls for one tenant: <c>{app}/api/notifications/staffcloud/{tenantId}?secret=…</c>. The route is
/// the function's own (a constant, so the two cannot drift apart); the secret is escaped, so any Key Vault value survives.
/// </summary>
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
