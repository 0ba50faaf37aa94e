using System.Globalization;
using StaffCloudSync.Core.Scheduling.Notifications;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The host's request body limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT) sits just above the notification endpoint's own
/// 64 KiB check: a larger body is refused by the host before it is buffered, and every body the check must see (up to
/// 64 KiB + 1, answered 413 by the app) still reaches it.
/// </summary>
public class InfraRequestBodyLimitTests
{
    [Test]
    public void TheHostsBodyLimit_IsJustAboveTheNotificationCheck()
    {
        var deployed = InfraAppSettings.Read(InfraBuild.Main.AllOfType("Microsoft.Web/sites").Single());
        var limit = long.Parse(deployed["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"], CultureInfo.InvariantCulture);

        Assert.That(limit, Is.GreaterThan(NotificationBody.MaxBytes).And.AtMost(NotificationBody.MaxBytes + 4096));
    }
}
