using StaffCloudSync.Cli;
using StaffCloudSync.Core.Scheduling.Notifications;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// <c>tenants notifications &lt;tenant&gt;</c>: the URL for StaffCloud (its secret only on request), the line that creates
/// or rotates the secret, and the StaffCloud webhooks registered and removed on the simulator — never a sync write.
/// </summary>
[NonParallelizable]
public class CliNotificationsTests
{
    private const string App = "https://func-staffcloudsync-prod.azurewebsites.net";
    private const string Secret = "5f0c1a9e8d7b6c5a4f3e2d1c0b9a8f7e";

    private CliOperatorHarness harness = null!;

    /// <summary>The webhook secret as the secret store holds it, the other settings from the harness's file.</summary>
    private Dictionary<string, string?> Environment { get; } = new() { ["Secrets__Values__staffcloud-webhook-acme"] = Secret };

    [SetUp]
    public async Task StartAsync() => harness = await CliOperatorHarness.StartWithAcmeAsync();

    [TearDown]
    public async Task StopAsync() => await harness.DisposeAsync();

    [Test]
    public async Task ByDefault_TheUrlHasAPlaceholder_AndTheAzLineMakesAFreshSecretWithoutPrintingOne()
    {
        var run = await harness.RunStorageOnlyAsync("tenants", "notifications", "acme", "--base-url", App);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Stdout, Does.Contain($"{App}/api/notifications/staffcloud/acme?secret=<staffcloud-webhook-acme>")
            .And.Contain("az keyvault secret set --vault-name <vault> --name staffcloud-webhook-acme --value \"$(openssl rand -hex 32)\"")
            .And.Contain("employee.created, employee.updated, assignment.status_changed")
            .And.Contain("early runs 00:05:00 after a change, at most one per 00:15:00"));
        Assert.That(run.Stdout, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task WithShowSecret_TheUrlCarriesTheSecret_AndTheBaseUrlMayComeFromTheSettings()
    {
        var env = new Dictionary<string, string?>(Environment) { ["Notifications__PublicBaseUrl"] = App };

        var run = await CliRun.RunAsync(env, "tenants", "notifications", "acme", "--show-secret", "--json", "--settings", harness.SettingsFile);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Json().GetProperty("url").GetString(), Is.EqualTo($"{App}/api/notifications/staffcloud/acme?secret={Secret}"));
        Assert.That(run.Json().GetProperty("secretShown").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Register_CreatesTheWebhooksInStaffCloud_Unregister_RemovesThem_NoneIsASyncWrite()
    {
        var register = await CliRun.RunAsync(Environment, "tenants", "notifications", "acme", "--register", "--base-url", App, "--json", "--settings", harness.SettingsFile);
        var stored = harness.Environment.StaffCloud.Webhooks.Of("acme");
        var flagAfterRegister = await NotificationsFlagAsync();
        var unregister = await CliRun.RunAsync(Environment, "tenants", "notifications", "acme", "--unregister", "--base-url", App, "--settings", harness.SettingsFile);

        Assert.That(register.ExitCode, Is.EqualTo(ExitCodes.Success), register.ToString());
        Assert.That(register.Json().GetProperty("webhooks").EnumerateArray().Select(w => (w.GetProperty("trigger").GetString(), w.GetProperty("action").GetString())),
            Is.EqualTo(NotificationBody.Events.Select(e => ((string?)e, (string?)"created"))));
        Assert.That(register.Stdout, Does.Not.Contain(Secret), "registered with the secret, but not printed without --show-secret");
        Assert.That(stored.Select(w => w["webhook"]!["url"]!.GetValue<string>()), Has.All.EqualTo($"{App}/api/notifications/staffcloud/acme?secret={Secret}"));
        Assert.That(unregister.ExitCode, Is.EqualTo(ExitCodes.Success), unregister.ToString());
        Assert.That(unregister.Stdout, Does.Contain("removed"));
        Assert.That(harness.Environment.StaffCloud.Webhooks.Of("acme"), Is.Empty);
        Assert.That(harness.Environment.StaffCloud.Requests.Writes, Is.Zero);
        Assert.That((flagAfterRegister, register.Json().GetProperty("notifications").GetBoolean()), Is.EqualTo((true, true)), "--register sets Notifications");
        Assert.That(await NotificationsFlagAsync(), Is.False, "--unregister clears it");
        Assert.That(unregister.Stdout, Does.Contain("Notifications = false"));
    }

    /// <summary>The tenant's Notifications as <c>tenants show</c> lists it (the CLI's own tables).</summary>
    private async Task<bool> NotificationsFlagAsync()
    {
        var show = await harness.RunAsync("tenants", "show", "acme", "--json");
        Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Success), show.ToString());
        return show.Json().GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Notifications").GetProperty("value").GetBoolean();
    }

    [Test]
    public async Task Register_WithoutTheAppsAddress_Exits4NamingTheSetting()
    {
        var run = await CliRun.RunAsync(Environment, "tenants", "notifications", "acme", "--register", "--settings", harness.SettingsFile);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--base-url").And.Contain("Notifications__PublicBaseUrl"));
        Assert.That(harness.Environment.StaffCloud.Webhooks.Of("acme"), Is.Empty);
    }

    [TestCase("--register", "--unregister")]
    [TestCase("--base-url", "http://func.example.net")]
    public async Task ConflictingOrUnsafeOptions_Exit2(string option, string value)
    {
        var run = await harness.RunStorageOnlyAsync("tenants", "notifications", "acme", option, value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(harness.Environment.StaffCloud.Webhooks.Of("acme"), Is.Empty);
    }

    [Test]
    public async Task AnUnknownTenant_Exits3()
    {
        var run = await harness.RunStorageOnlyAsync("tenants", "notifications", "nobody");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NotFound), run.ToString());
    }
}
