using StaffCloudSync.Cli;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// <c>tenants check</c>'s row check on rows written by hand past the CLI's validation: sync-rules.md, "Secrets in their
/// roles" — a secret outside its role, and another row using the tenant's token as its webhook secret.
/// </summary>
[NonParallelizable]
public class CliTenantCheckRowTests
{
    private CliOperatorHarness harness = null!;

    [SetUp]
    public async Task StartAsync() => harness = await CliOperatorHarness.StartWithAcmeAsync();

    [TearDown]
    public async Task StopAsync() => await harness.DisposeAsync();

    [Test]
    public async Task ARowWrittenByHand_WithASecretOutsideItsRole_FailsTheRowCheck_NamingTheField()
    {
        harness.SeedEligible(1);
        await harness.WriteTenantRowAsync(new Azure.Data.Tables.TableEntity("tenant", "acme") { ["WebhookSecret"] = "mobietrain-api-key" });

        var run = await harness.RunAsync("tenants", "check", "acme", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed), run.ToString());
        var row = Check(run, "row");
        Assert.That(row.Result, Is.EqualTo("fail"));
        Assert.That(row.Detail, Does.Contain("WebhookSecret: 'mobietrain-api-key' is not a name for a webhook secret").And.Contain("staffcloud-webhook-"));
    }

    [Test]
    public async Task AnotherRowUsingTheTenantsTokenAsItsWebhookSecret_FailsTheRowCheck_NamingBothRows()
    {
        harness.SeedEligible(1);
        await harness.WriteTenantRowAsync(new Azure.Data.Tables.TableEntity("tenant", "beta")
        {
            ["StaffCloudApiTenant"] = "beta", ["MobieTrainAccountId"] = "beta", ["WebhookSecret"] = "staffcloud-token-acme",
        });

        var row = Check(await harness.RunAsync("tenants", "check", "acme", "--json"), "row");

        Assert.That(row.Result, Is.EqualTo("fail"));
        Assert.That(row.Detail, Does.Contain("StaffCloudTokenSecret: 'staffcloud-token-acme' is also the webhook secret of tenant 'beta' (rows 'acme' and 'beta')"));
    }

    private static (string Result, string Detail) Check(CliRun run, string name)
    {
        var check = run.Json().GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        return (check.GetProperty("result").GetString()!, check.GetProperty("detail").GetString()!);
    }
}
