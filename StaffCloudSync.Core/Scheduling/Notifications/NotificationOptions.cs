namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>
/// Section <c>Notifications</c>: where StaffCloud reaches the Functions app. Only the operator CLI needs it (to print and
/// register the notification URL); the endpoint itself does not, so it may be left out of the app's settings. Checked
/// at start-up by <see cref="NotificationOptionsValidator"/>.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The Functions app's public address, e.g. <c>https://func-staffcloudsync-prod.azurewebsites.net</c>.</summary>
    public string? PublicBaseUrl { get; set; }

    public Uri? PublicBaseUri => Uri.TryCreate(PublicBaseUrl?.Trim(), UriKind.Absolute, out var uri) ? uri : null;
}
