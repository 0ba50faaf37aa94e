using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Scheduling.Notifications;

namespace StaffCloudSync.Tests.Notifications;

/// <summary><c>Notifications:PublicBaseUrl</c>: optional, and when given an address StaffCloud may be handed a secret for.</summary>
public sealed class NotificationOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(string? url) =>
        new NotificationOptionsValidator().Validate(null, new NotificationOptions { PublicBaseUrl = url });

    [TestCase(null)]
    [TestCase(" ")]
    public void PublicBaseUrl_LeftOut_Passes(string? url)
    {
        Assert.That(Validate(url).Succeeded, Is.True);
    }

    [TestCase("https://func-staffcloudsync-prod.azurewebsites.net")]
    [TestCase("http://localhost:7071")]
    [TestCase("http://127.0.0.1:7071/")]
    public void PublicBaseUrl_HttpsOrLoopbackHttp_Passes(string url)
    {
        Assert.That(Validate(url).Succeeded, Is.True);
    }

    [TestCase("http://func-staffcloudsync-prod.azurewebsites.net")]
    [TestCase("https://func-staffcloudsync-prod.azurewebsites.net/?code=1")]
    [TestCase("https://func-staffcloudsync-prod.azurewebsites.net/#top")]
    [TestCase("https://user:pass@func-staffcloudsync-prod.azurewebsites.net")]
    [TestCase("func-staffcloudsync-prod.azurewebsites.net")]
    public void PublicBaseUrl_NotAnHttpsAddressWithoutQuery_FailsNamingTheSetting(string url)
    {
        var result = Validate(url);

        Assert.That(result.Failures, Has.Exactly(1).Items.And.All.StartsWith(
            $"Notifications:PublicBaseUrl (app setting Notifications__PublicBaseUrl) '{url}' is not an https address without query or fragment"));
    }
}
