using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffCloudSync.Cli;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// <c>tenants check</c> against the simulators over loopback HTTP and Azurite, the tenant added through the CLI as an
/// operator onboards it. Expected counts are worked out from the seeded data by hand, not by the check's code.
/// </summary>
[NonParallelizable]
public class CliTenantCheckTests
{
    private static readonly string[] CheckNames =
        ["row", "secrets", "staffcloud-token", "confirmations", "languages", "phones", "mobietrain-key", "base-groups", "groups", "external-ids"];

    private CliOperatorHarness harness = null!;
    private string settingsWithWebhookSecret = null!;

    private StaffCloudSimulatorTenant StaffCloud => harness.Environment.StaffCloud.Tenant("acme");

    [SetUp]
    public async Task StartAsync()
    {
        harness = await CliOperatorHarness.StartWithAcmeAsync();

        // The harness's settings hold the token and the key; a tenant ready for notifications has its webhook secret too.
        var values = JsonNode.Parse(await File.ReadAllTextAsync(harness.SettingsFile))!;
        values["Values"]!["Secrets__Values__staffcloud-webhook-acme"] = "hook-" + Guid.NewGuid().ToString("N");
        settingsWithWebhookSecret = harness.SettingsFile.Replace(".json", "-hook.json", StringComparison.Ordinal);
        await File.WriteAllTextAsync(settingsWithWebhookSecret, values.ToJsonString());
    }

    [TearDown]
    public async Task StopAsync()
    {
        File.Delete(settingsWithWebhookSecret);
        await harness.DisposeAsync();
    }

    [Test]
    public async Task HealthyTenant_AllPass_Exit0_AndNothingIsWritten()
    {
        harness.SeedEligible(1);

        var run = await CheckAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        foreach (var name in CheckNames)
        {
            Assert.That(run.Stdout, Does.Contain($"pass  {name}: "), run.ToString());
        }

        Assert.That(run.Stdout, Does.Contain("every check passed").And.Contain("creates 1 groups and renames 0"));
        Assert.That(harness.Environment.MobieTrain.GetContents("acme").UserGroups, Is.Empty, "read only");
        Assert.That(harness.Environment.MobieTrain.GetContents("acme").Invitations, Is.Empty, "read only");
        Assert.That(harness.Environment.StaffCloud.Requests.Writes, Is.Zero);
        var runs = await harness.RunAsync("runs", "acme", "--json");
        Assert.That(runs.Json().GetArrayLength(), Is.Zero, "the check records no run");
    }

    [Test]
    public async Task Json_IsOneDocument_WithEveryCheckInOrder()
    {
        harness.SeedEligible(1);

        var run = await CheckAsync("--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var json = run.Json();
        Assert.That(json.GetProperty("tenantId").GetString(), Is.EqualTo("acme"));
        Assert.That(json.GetProperty("ok").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("at").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(CliRun.Now), "the CLI's clock, which only moves on");
        var checks = json.GetProperty("checks").EnumerateArray().ToList();
        Assert.That(checks.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(CheckNames));
        Assert.That(checks.Select(c => c.GetProperty("result").GetString()), Has.All.EqualTo("pass"));
        Assert.That(checks.Select(c => c.GetProperty("detail").ValueKind), Has.All.EqualTo(JsonValueKind.String));
        Assert.That(checks.Select(c => c.EnumerateObject().Count()), Has.All.EqualTo(3), "name, result, detail");
    }

    [Test]
    public async Task NoConfirmedAssignment_Warns_StaffMayNotConfirm_Exit0()
    {
        SeedEvent(20, "Harbour Festival", days: 10);
        SeedEmployee(5, language: "de");
        StaffCloud.Upsert(StaffCloudResource.Assignments, [new JsonObject { ["id"] = 500, ["employee_id"] = 5, ["event_id"] = 20, ["status"] = 6 }]);

        var run = await CheckAsync("--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var check = Check(run, "confirmations");
        Assert.That(check.Result, Is.EqualTo("warn"));
        Assert.That(check.Detail, Does.Contain("no confirmed assignment").And.Contain("staff may not be able to confirm in this tenant (a StaffCloud setting)"));
    }

    [Test]
    public async Task UnknownLanguageValues_AreCountedPerValue()
    {
        SeedEvent(20, "Harbour Festival", days: 10);
        string?[] languages = ["2", "Schwiizerdütsch", "2", "de", "Deutsch", "2", "Schwiizerdütsch", null];
        for (var i = 0; i < languages.Length; i++)
        {
            SeedEmployee(10 + i, language: languages[i]);
            Confirm(10 + i, 20);
        }

        var run = await CheckAsync("--json");

        var check = Check(run, "languages");
        Assert.That(check.Result, Is.EqualTo("warn"), run.ToString());
        Assert.That(check.Detail, Does.StartWith("5 of 8 employees in scope").And.Contain("'2' ×3, 'Schwiizerdütsch' ×2;").And.Contain("1 have none"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public async Task NationalNumbers_AreCounted_WithTheCallingCodeSuggestion_ThenWhatStaysInvalid()
    {
        SeedEvent(20, "Harbour Festival", days: 10);
        SeedEmployee(1, mobile: "079 123 45 67");                   // national: valid only with a calling code
        SeedEmployee(2, mobile: "+41 79 123 45 68");                // international
        SeedEmployee(3, mobile: "12", phone: "044 123 45 67");      // the mobile is invalid, the phone national
        SeedEmployee(4, phone: "0012");                             // "+12": invalid with or without a code
        SeedEmployee(5);                                            // no number
        foreach (var id in new long[] { 1, 2, 3, 4, 5 })
        {
            Confirm(id, 20);
        }

        var without = Check(await CheckAsync("--json"), "phones");
        Assert.That(without.Result, Is.EqualTo("warn"));
        Assert.That(without.Detail, Does.StartWith("2 of the 4 employees in scope with a number have only national numbers")
            .And.Contain("tenants update acme --default-calling-code +41").And.Contain("1 have no number valid even with a calling code"));

        var update = await harness.RunAsync("tenants", "update", "acme", "--default-calling-code", "+41");
        Assert.That(update.ExitCode, Is.EqualTo(ExitCodes.Success), update.ToString());
        var with = Check(await CheckAsync("--json"), "phones");
        Assert.That(with.Result, Is.EqualTo("warn"));
        Assert.That(with.Detail, Does.StartWith("2 of the 4 employees in scope with a number have a national number that DefaultCallingCode +41 makes international")
            .And.Contain("1 have no number valid even with +41"));
    }

    [Test]
    public async Task MissingSecret_Fails_Exit1_NamingItButNeverAValue()
    {
        harness.SeedEligible(1);
        var update = await harness.RunAsync("tenants", "update", "acme", "--staffcloud-token-secret", "staffcloud-token-elsewhere");
        Assert.That(update.ExitCode, Is.EqualTo(ExitCodes.Success), update.ToString());

        var human = await CheckAsync();
        var json = await CheckAsync("--json");

        Assert.That(human.ExitCode, Is.EqualTo(ExitCodes.Failed), human.ToString());
        Assert.That(human.Stdout, Does.Contain("fail  secrets: staffcloud-token-elsewhere missing, mobietrain-api-key present")
            .And.Contain("skip  staffcloud-token:").And.Contain("pass  mobietrain-key:").And.Contain("1 failed"));
        Assert.That(json.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(json.Json().GetProperty("ok").GetBoolean(), Is.False);
        Assert.That(Check(json, "secrets").Result, Is.EqualTo("fail"));
        Assert.That(Check(json, "confirmations").Result, Is.EqualTo("skip"));
        Assert.That(Check(json, "groups").Result, Is.EqualTo("skip"));
        foreach (var value in SecretValues())
        {
            Assert.That(human.Stdout + human.Stderr + json.Stdout + json.Stderr, Does.Not.Contain(value), "a secret's value is never printed");
        }
    }

    [Test]
    public async Task RejectedToken_FailsWithTheCause_AndTheChecksNeedingStaffCloudAreSkipped()
    {
        harness.SeedEligible(1);
        StaffCloud.Token = "eyJ" + Guid.NewGuid().ToString("N");

        var run = await CheckAsync("--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed), run.ToString());
        var token = Check(run, "staffcloud-token");
        Assert.That(token.Result, Is.EqualTo("fail"));
        Assert.That(token.Detail, Does.StartWith("Authentication:").And.Contain("acme"));
        Assert.That(Check(run, "confirmations").Result, Is.EqualTo("skip"));
        Assert.That(Check(run, "mobietrain-key").Result, Is.EqualTo("pass"));
        Assert.That(Check(run, "external-ids").Result, Is.EqualTo("skip"));
    }

    [Test]
    public async Task NonCanonicalExternalIds_AreCounted_AsProtected()
    {
        harness.SeedEligible(1);
        foreach (var (id, externalId) in new[] { ("u1", "0012"), ("u2", "+13"), ("u3", "-14"), ("u4", "15.0"), ("u5", "1"), ("u6", "ABC"), ("u7", null) })
        {
            harness.Environment.MobieTrain.SeedUser("acme", new MobieTrainUserResource
            {
                Id = id, ExternalId = externalId, FirstName = "P", LastName = id, Email = $"{id}@example.com", RegisteredAt = CliRun.Now.AddDays(-30),
            });
        }

        harness.Environment.MobieTrain.SeedInvitation("acme", new MobieTrainInvitationResource
        {
            Id = "i1", ExternalId = "007", FirstName = "Q", LastName = "R", Email = "i1@example.com", CreatedAt = CliRun.Now.AddDays(-3),
        });

        var run = await CheckAsync("--json");

        var check = Check(run, "external-ids");
        Assert.That(check.Result, Is.EqualTo("warn"), run.ToString());
        Assert.That(check.Detail, Does.StartWith("4 users and 1 invitations carry an externalId").And.Contain("protected, never touched").And.Contain("7 users and 1 invitations read"));
    }

    [Test]
    public async Task ManyAlikeGroups_Warn_WithWhatTheNextRunCreates()
    {
        // 51 events of one day, all named alike: the default template renders one name, so 50 need " [<id>]".
        for (var i = 0; i < 51; i++)
        {
            SeedEvent(100 + i, "Mi. 11. Mär.", days: 10);
            SeedEmployee(1000 + i);
            Confirm(1000 + i, 100 + i);
        }

        var run = await CheckAsync("--json");

        var check = Check(run, "groups");
        Assert.That(check.Result, Is.EqualTo("warn"), run.ToString());
        Assert.That(check.Detail, Does.StartWith("the next run creates 51 groups and renames 0 (GroupBy event, template '{name} ({start:yyyy-MM-dd})'); 50 of their names need ' [<id>]'")
            .And.Contain("--group-by project"));
    }

    [Test]
    public async Task BaseGroups_ThatExist_AreNamed_OthersWillBeCreated()
    {
        harness.SeedEligible(1);
        harness.Environment.MobieTrain.SeedUserGroup("acme", new MobieTrainUserGroupResource { Id = "g1", Name = "default group" });
        await harness.RunAsync("tenants", "update", "acme", "--base-groups", "Default Group; Store Staff");

        var check = Check(await CheckAsync("--json"), "base-groups");

        Assert.That(check.Result, Is.EqualTo("warn"));
        Assert.That(check.Detail, Does.StartWith("exist in MobieTrain: 'Default Group'; do not exist yet: 'Store Staff'"));
    }

    [Test]
    public async Task UnknownTenant_Exits3()
    {
        var run = await harness.RunAsync("tenants", "check", "nobody");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NotFound), run.ToString());
        Assert.That(run.Stderr.Trim(), Does.StartWith("error: tenant 'nobody' does not exist"));
    }

    private Task<CliRun> CheckAsync(params string[] options) =>
        CliRun.RunAsync(null, ["tenants", "check", "acme", .. options, "--settings", settingsWithWebhookSecret]);

    private static (string Result, string Detail) Check(CliRun run, string name)
    {
        var check = run.Json().GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        return (check.GetProperty("result").GetString()!, check.GetProperty("detail").GetString()!);
    }

    private List<string> SecretValues()
    {
        var values = JsonNode.Parse(File.ReadAllText(settingsWithWebhookSecret))!["Values"]!.AsObject();
        return values.Where(v => v.Key.StartsWith("Secrets__Values__", StringComparison.Ordinal)).Select(v => v.Value!.GetValue<string>()).ToList();
    }

    private void SeedEvent(long id, string name, int days)
    {
        var start = CliRun.Now.UtcDateTime.Date.AddDays(days);
        StaffCloud.Upsert(StaffCloudResource.Events, [new JsonObject
        {
            ["id"] = id, ["name"] = name, ["status"] = 2,
            ["start"] = start.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["end"] = start.AddHours(18).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        }]);
    }

    private void SeedEmployee(long id, string? language = "de", string? mobile = null, string? phone = null) =>
        StaffCloud.Upsert(StaffCloudResource.Employees, [new JsonObject
        {
            ["id"] = id, ["firstname"] = "Ana", ["lastname"] = $"L{id}", ["email"] = $"e{id}@example.com", ["status"] = 4,
            ["communication_language"] = language, ["mobile"] = mobile, ["phone"] = phone,
        }]);

    private void Confirm(long employeeId, long eventId) =>
        StaffCloud.Upsert(StaffCloudResource.Assignments, [new JsonObject { ["id"] = 10_000 + employeeId, ["employee_id"] = employeeId, ["event_id"] = eventId, ["status"] = 7 }]);
}
