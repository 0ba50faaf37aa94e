using System.Text.Json;
using StaffCloudSync.Cli;

namespace StaffCloudSync.Tests.Cli;

/// <summary>The tenant registry commands against Azurite, with storage settings only (no client or secret settings needed).</summary>
[NonParallelizable]
public class CliTenantsTests
{
    private CliOperatorHarness harness = null!;

    [SetUp]
    public async Task StartAsync() => harness = await CliOperatorHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await harness.DisposeAsync();

    [Test]
    public async Task Add_ThenList_Show_Update_Disable_Enable_AllowDeletions()
    {
        var add = await harness.RunStorageOnlyAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme-ch",
            "--time-zone", "Europe/Vienna", "--preserve-manual-groups");
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.Success), add.ToString());
        Assert.That(add.Stdout, Does.Contain("Tenant 'acme' added (enabled")
            .And.Contain("az keyvault secret set --vault-name <vault> --name staffcloud-token-acme --value <StaffCloud API token>")
            .And.Contain("--name mobietrain-api-key"));

        var list = await harness.RunStorageOnlyAsync("tenants", "list", "--json");
        Assert.That(list.ExitCode, Is.EqualTo(ExitCodes.Success), list.ToString());
        var row = list.Json().EnumerateArray().Single();
        Assert.That(row.GetProperty("tenantId").GetString(), Is.EqualTo("acme"));
        Assert.That(row.GetProperty("mobieTrainAccountId").GetString(), Is.EqualTo("acme-ch"));
        Assert.That(row.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Vienna"));
        Assert.That(row.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(row.GetProperty("deletionApprovalPending").GetBoolean(), Is.False);

        var table = await harness.RunStorageOnlyAsync("tenants", "list");
        Assert.That(table.Stdout, Does.Contain("acme-ch").And.Contain("Europe/Vienna").And.Contain("1 tenant"));

        var show = await harness.RunStorageOnlyAsync("tenants", "show", "acme", "--json");
        Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Success), show.ToString());
        var settings = Settings(show.Json());
        Assert.That(settings["TimeZone"], Is.EqualTo(("Europe/Vienna", (bool?)false)));
        Assert.That(settings["DefaultLanguage"], Is.EqualTo(("en", (bool?)true)));
        Assert.That(settings["PreserveManualGroups"], Is.EqualTo(("True", (bool?)false)));
        Assert.That(settings["StaffCloudApiTenant"], Is.EqualTo(("acme", (bool?)null)), "required: no default");
        var secrets = show.Json().GetProperty("secrets").EnumerateArray().ToList();
        Assert.That(secrets.Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "staffcloud-token-acme", "mobietrain-api-key" }));
        Assert.That(secrets.Select(s => s.GetProperty("state").GetString()), Has.All.EqualTo("unknown"), "no secret store configured");
        Assert.That(show.Json().GetProperty("secretStoreProblem").GetString(), Does.Contain("KeyVault:VaultUri"));

        var update = await harness.RunStorageOnlyAsync("tenants", "update", "acme", "--deletion-threshold-percent", "30", "--preserve-manual-groups", "false");
        Assert.That(update.ExitCode, Is.EqualTo(ExitCodes.Success), update.ToString());
        Assert.That(update.Stdout, Does.Contain("DeletionThresholdPercent: 20 → 30").And.Contain("PreserveManualGroups: true → false"));

        var invalid = await harness.RunStorageOnlyAsync("tenants", "update", "acme", "--default-language", "klingon");
        Assert.That(invalid.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), invalid.ToString());
        Assert.That(invalid.Stderr, Does.Contain("--default-language (DefaultLanguage): 'klingon'"));

        var disable = await harness.RunStorageOnlyAsync("tenants", "disable", "acme");
        Assert.That(disable.ExitCode, Is.EqualTo(ExitCodes.Success), disable.ToString());
        Assert.That(disable.Stdout, Does.Contain("Enabled: true → false"));
        Assert.That((await harness.RunStorageOnlyAsync("tenants", "list", "--json")).Json()[0].GetProperty("enabled").GetBoolean(), Is.False);

        var enable = await harness.RunStorageOnlyAsync("tenants", "enable", "acme", "--json");
        Assert.That(enable.ExitCode, Is.EqualTo(ExitCodes.Success), enable.ToString());
        Assert.That(enable.Json().GetProperty("changes")[0].GetProperty("name").GetString(), Is.EqualTo("Enabled"));

        var again = await harness.RunStorageOnlyAsync("tenants", "enable", "acme");
        Assert.That(again.Stdout, Does.Contain("nothing to change"));

        var refused = await harness.RunStorageOnlyAsync("tenants", "allow-deletions", "acme", "--granted-by", "ops-oncall");
        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Failed), refused.ToString());
        Assert.That(refused.Stderr, Does.Contain("nothing is held"));

        var heldRun = await harness.RecordHeldRunAsync("acme", 7, 9);
        var allow = await harness.RunStorageOnlyAsync("tenants", "allow-deletions", "acme", "--granted-by", "ops-oncall");
        Assert.That(allow.ExitCode, Is.EqualTo(ExitCodes.Success), allow.ToString());
        Assert.That(allow.Stdout, Does.Contain("covers 2 persons").And.Contain($"held by run {heldRun}").And.Contain("employees 7, 9").And.Contain("until"));
        var approval = (await harness.RunStorageOnlyAsync("tenants", "show", "acme", "--json")).Json().GetProperty("deletionApproval");
        Assert.That(approval.GetProperty("grantedBy").GetString(), Is.EqualTo("ops-oncall"));
        Assert.That(approval.GetProperty("approvedRunId").GetString(), Is.EqualTo(heldRun));
        Assert.That(approval.GetProperty("employees").EnumerateArray().Select(e => e.GetInt64()), Is.EquivalentTo(new long[] { 7, 9 }));
        Assert.That(approval.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(approval.GetProperty("grantedAt").GetDateTimeOffset().AddHours(24)));
        var shown = await harness.RunStorageOnlyAsync("tenants", "show", "acme");
        Assert.That(shown.Stdout, Does.Contain("Deletion approval: granted").And.Contain("by ops-oncall").And.Contain("covers 2 persons"));
        Assert.That((await harness.RunStorageOnlyAsync("tenants", "list", "--json")).Json()[0].GetProperty("deletionApprovalPending").GetBoolean(), Is.True);
        Assert.That((await harness.RunStorageOnlyAsync("tenants", "list")).Stdout, Does.Contain("2 persons by ops-oncall until"));
    }

    [TestCase("--staffcloud-tenant", "acme", "--mobietrain-account", "beta-account", "--staffcloud-tenant (StaffCloudApiTenant): 'acme' is also the StaffCloud tenant of tenant 'acme'")]
    [TestCase("--staffcloud-tenant", "beta", "--mobietrain-account", "acme-ch", "--mobietrain-account (MobieTrainAccountId): 'acme-ch' is also the MobieTrain account of tenant 'acme'")]
    public async Task Add_RefusesASecondTenantOnTheSameAccount_NamingTheOther(string option1, string value1, string option2, string value2, string expected)
    {
        var first = await harness.RunStorageOnlyAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme-ch");
        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString());

        var second = await harness.RunStorageOnlyAsync("tenants", "add", "beta", option1, value1, option2, value2);

        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), second.ToString());
        Assert.That(second.Stderr, Does.Contain("tenant 'beta' not added").And.Contain(expected));
        Assert.That((await harness.RunStorageOnlyAsync("tenants", "list", "--json")).Json().GetArrayLength(), Is.EqualTo(1), "nothing was added");
    }

    [Test]
    public async Task Update_RefusesMovingATenantOntoAnotherOnesAccount()
    {
        await harness.RunStorageOnlyAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme-ch");
        await harness.RunStorageOnlyAsync("tenants", "add", "beta", "--staffcloud-tenant", "beta", "--mobietrain-account", "beta-ch");

        var update = await harness.RunStorageOnlyAsync("tenants", "update", "beta", "--mobietrain-account", "acme-ch");

        Assert.That(update.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), update.ToString());
        Assert.That(update.Stderr, Does.Contain("tenant 'beta' not changed").And.Contain("MobieTrain account of tenant 'acme'"));
    }

    [Test]
    public async Task Update_OfTheMobieTrainAccount_DisablesTheTenantUntilEnabledAgain()
    {
        await harness.RunStorageOnlyAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme-ch");

        var moved = await harness.RunStorageOnlyAsync("tenants", "update", "acme", "--mobietrain-account", "acme-de");
        var listed = (await harness.RunStorageOnlyAsync("tenants", "list", "--json")).Json()[0].GetProperty("enabled").GetBoolean();
        var renamed = await harness.RunStorageOnlyAsync("tenants", "update", "acme", "--time-zone", "Europe/Berlin");

        Assert.That(moved.ExitCode, Is.EqualTo(ExitCodes.Success), moved.ToString());
        Assert.That(moved.Stdout, Does.Contain("MobieTrainAccountId: acme-ch → acme-de").And.Contain("Enabled: true → false"));
        Assert.That(listed, Is.False, "the row is stored disabled");
        Assert.That(renamed.Stdout, Does.Not.Contain("Enabled"), "only a change of account disables");
    }

    [Test]
    public async Task Update_RefusesASecretOutsideItsRole_NamingTheField_AndAnotherTenantsSecret_NamingTheTenant()
    {
        await harness.RunStorageOnlyAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme-ch");
        await harness.RunStorageOnlyAsync("tenants", "add", "beta", "--staffcloud-tenant", "beta", "--mobietrain-account", "beta-ch");

        var role = await harness.RunStorageOnlyAsync("tenants", "update", "acme", "--webhook-secret", "mobietrain-api-key");
        var add = await harness.RunStorageOnlyAsync("tenants", "add", "gamma", "--staffcloud-tenant", "gamma", "--mobietrain-account", "gamma-ch", "--webhook-secret", "staffcloud-token-x");
        var shared = await harness.RunStorageOnlyAsync("tenants", "update", "beta", "--webhook-secret", "Staffcloud-Webhook-Acme");

        Assert.That(role.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), role.ToString());
        Assert.That(role.Stderr, Does.Contain("tenant 'acme' not changed").And.Contain("--webhook-secret (WebhookSecret): 'mobietrain-api-key' is not a name for a webhook secret"));
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), add.ToString());
        Assert.That(add.Stderr, Does.Contain("--webhook-secret (WebhookSecret)"));
        Assert.That(shared.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), shared.ToString());
        Assert.That(shared.Stderr, Does.Contain("tenant 'beta' not changed").And.Contain("webhook secret of tenant 'acme'"));
    }

    [Test]
    public async Task Show_WithTheSecretStore_SaysWhichSecretsArePresent_NeverTheirValues()
    {
        await harness.RunAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme", "--mobietrain-api-key-secret", "mobietrain-api-key-acme");

        var show = await harness.RunAsync("tenants", "show", "acme");

        Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Success), show.ToString());
        Assert.That(show.Stdout, Does.Match(@"staffcloud-token-acme\s+│[^│]+│\s+present"));
        Assert.That(show.Stdout, Does.Match(@"mobietrain-api-key-acme\s+│[^│]+│\s+missing"));
        Assert.That(show.Stdout, Does.Not.Contain("eyJzYW5kYm94"), "the token's value is never shown");
    }

    [Test]
    public async Task Quarantine_ShowsInList_AndAnOperatorClearsIt()
    {
        await harness.RunAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme");
        harness.SeedEligible(1);
        harness.Environment.StaffCloud.Tenant("acme").Token = "eyJ-revoked";
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await harness.RunAsync("sync", "acme")).ExitCode, Is.EqualTo(ExitCodes.Failed));
        }

        var list = await harness.RunStorageOnlyAsync("tenants", "list");
        var json = (await harness.RunStorageOnlyAsync("tenants", "list", "--json")).Json()[0];
        var clear = await harness.RunStorageOnlyAsync("tenants", "clear-quarantine", "acme");
        var after = (await harness.RunStorageOnlyAsync("tenants", "list", "--json")).Json()[0];

        Assert.That(list.Stdout, Does.Contain("since").And.Contain("Authentication"));
        Assert.That(json.GetProperty("quarantineReason").GetString(), Does.StartWith("Authentication"));
        Assert.That(clear.ExitCode, Is.EqualTo(ExitCodes.Success), clear.ToString());
        Assert.That(clear.Stdout, Does.Contain("Quarantine of 'acme' cleared"));
        Assert.That(after.GetProperty("quarantinedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(after.GetProperty("consecutiveFailures").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Add_AnExistingTenant_Exits2_PointingAtUpdate()
    {
        await harness.RunStorageOnlyAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme");

        var again = await harness.RunStorageOnlyAsync("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme");

        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), again.ToString());
        Assert.That(again.Stderr.Trim(), Is.EqualTo("error: tenant 'acme' already exists — change it with: staffcloud-sync tenants update acme [options]"));
    }

    [TestCase("tenants", "show")]
    [TestCase("tenants", "update", "--time-zone", "UTC")]
    [TestCase("tenants", "disable")]
    [TestCase("tenants", "allow-deletions")]
    [TestCase("runs")]
    public async Task UnknownTenant_Exits3_SayingHowToAddIt(params string[] command)
    {
        var args = command.Take(command[0] == "tenants" ? 2 : 1).Append("nobody").Concat(command.Skip(command[0] == "tenants" ? 2 : 1)).ToArray();

        var run = await harness.RunStorageOnlyAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NotFound), run.ToString());
        Assert.That(run.Stderr.Trim(), Does.StartWith("error: tenant 'nobody' does not exist — add it with: staffcloud-sync tenants add nobody"));
    }

    [Test]
    public async Task Update_WithoutOptions_Exits2()
    {
        var run = await harness.RunStorageOnlyAsync("tenants", "update", "acme");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: nothing to change"));
    }

    private static Dictionary<string, (string? Value, bool? IsDefault)> Settings(JsonElement show) =>
        show.GetProperty("settings").EnumerateArray().ToDictionary(
            s => s.GetProperty("name").GetString()!,
            s => (s.GetProperty("value").ValueKind == JsonValueKind.String ? s.GetProperty("value").GetString() : s.GetProperty("value").ToString(),
                s.GetProperty("isDefault").ValueKind == JsonValueKind.Null ? (bool?)null : s.GetProperty("isDefault").GetBoolean()));
}
