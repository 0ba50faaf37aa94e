using StaffCloudSync.Cli;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// <c>tenants claim</c> against the simulators and Azurite (sync-rules.md, "An account belongs to one tenant, provably"):
/// an account that holds people runs only once an operator claims it, and never while another tenant's marker is there.
/// </summary>
[NonParallelizable]
public class CliClaimTests
{
    private CliOperatorHarness harness = null!;

    [SetUp]
    public async Task StartAsync() => harness = await CliOperatorHarness.StartWithAcmeAsync();

    [TearDown]
    public async Task StopAsync() => await harness.DisposeAsync();

    [Test]
    public async Task Claim_ShowsWhomStaffCloudKnowsAndWhomItAnswers404For_AsksOrNeedsYes_ThenTheNextSyncRuns()
    {
        // Employee 1 is StaffCloud's; employee 9 is in MobieTrain only, and StaffCloud answers 404 for them.
        harness.SeedEligible(1);
        harness.Environment.MobieTrain.Seed("acme", new MobieTrainContents
        {
            Users =
            [
                new MobieTrainUserResource { ExternalId = "1", FirstName = "Ana", LastName = "Lopez", Email = "e1@example.com", Language = "de" },
                new MobieTrainUserResource { ExternalId = "9", FirstName = "Old", LastName = "Hand", Email = "e9@example.com", Language = "de" },
            ],
        });

        var refused = await harness.RunAsync("sync", "acme", "--json");
        Assert.That(refused.Json().GetProperty("run").GetProperty("status").GetString(), Is.EqualTo("Failed"), refused.ToString());
        Assert.That(refused.Json().GetProperty("run").GetProperty("reason").GetString(), Does.Contain("has not claimed").And.Contain("tenants claim acme"));
        Assert.That(Markers(), Is.Empty, "a refused run writes nothing");

        var unasked = await harness.RunAsync("tenants", "claim", "acme");
        Assert.That(unasked.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), unasked.ToString());
        Assert.That(unasked.Stdout, Does.Contain("2 synced person(s)").And.Contain("StaffCloud knows 1 of them").And.Contain("answers 404 for 1"));
        Assert.That(unasked.Stderr, Does.Contain("--yes"));
        Assert.That(Markers(), Is.Empty, "nothing is claimed without the operator's yes");

        var claim = await harness.RunAsync("tenants", "claim", "acme", "--yes", "--json");
        Assert.That(claim.ExitCode, Is.EqualTo(ExitCodes.Success), claim.ToString());
        Assert.That(claim.Json().GetProperty("syncedPersons").GetInt32(), Is.EqualTo(2));
        Assert.That(claim.Json().GetProperty("known").GetInt32(), Is.EqualTo(1));
        Assert.That(claim.Json().GetProperty("gone").GetInt32(), Is.EqualTo(1));
        Assert.That(claim.Json().GetProperty("outcome").GetString(), Is.EqualTo("Claimed"));
        Assert.That(Markers(), Is.EqualTo(new[] { ("staffcloud-sync-tenant-acme", "StaffCloud sync: acme") }));

        var again = await harness.RunAsync("tenants", "claim", "acme", "--yes");
        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.Success), again.ToString());
        Assert.That(again.Stdout, Does.Contain("already claimed"));
        Assert.That(Markers(), Has.Count.EqualTo(1), "a second claim writes nothing");

        var sync = await harness.RunAsync("sync", "acme", "--json");
        Assert.That(sync.Json().GetProperty("run").GetProperty("status").GetString(), Is.EqualTo("Succeeded"), sync.ToString());
        Assert.That(harness.Environment.MobieTrain.GetContents("acme").Users.Select(u => u.ExternalId), Is.EqualTo(new[] { "1" }), "employee 9, proven deleted, is removed");

        var explain = await harness.RunAsync("explain", "acme", "1");
        Assert.That(explain.Stdout, Does.Contain("MobieTrain account acme · marker: ours"));
    }

    [Test]
    public async Task Claim_WhileAnotherTenantsMarkerIsThere_IsRefusedNamingIt()
    {
        harness.Environment.MobieTrain.SeedUserGroup("acme", new MobieTrainUserGroupResource { Name = "StaffCloud sync: beta", ExternalId = "staffcloud-sync-tenant-beta" });

        var claim = await harness.RunAsync("tenants", "claim", "acme", "--yes");

        Assert.That(claim.ExitCode, Is.EqualTo(ExitCodes.Failed), claim.ToString());
        Assert.That(claim.Stdout, Does.Contain("refused").And.Contain("tenant 'beta'"));
        Assert.That(Markers().Select(m => m.ExternalId), Is.EqualTo(new[] { "staffcloud-sync-tenant-beta" }));
    }

    [Test]
    public async Task ClaimAll_ClaimsEachAccountWithoutAMarker_AndReportsARowItCannotRead()
    {
        // beta's token secret is in no store: its account cannot be read, and acme's claim goes on regardless.
        var add = await harness.RunAsync("tenants", "add", "beta", "--staffcloud-tenant", "beta", "--mobietrain-account", "beta");
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.Success), add.ToString());

        var all = await harness.RunAsync("tenants", "claim", "--all", "--yes");

        Assert.That(all.ExitCode, Is.EqualTo(ExitCodes.Failed), all.ToString());
        Assert.That(all.Stdout, Does.Contain("acme: claimed").And.Contain("beta: not claimed"));
        Assert.That(Markers().Select(m => m.ExternalId), Is.EqualTo(new[] { "staffcloud-sync-tenant-acme" }));
    }

    [Test]
    public async Task ClaimAll_WithoutYes_IsRefusedAsUsage()
    {
        var all = await harness.RunAsync("tenants", "claim", "--all");

        Assert.That(all.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), all.ToString());
        Assert.That(all.Stderr, Does.Contain("--yes"));
    }

    private List<(string? ExternalId, string Name)> Markers() =>
        [.. harness.Environment.MobieTrain.GetContents("acme").UserGroups
            .Where(g => g.ExternalId?.StartsWith("staffcloud-sync-tenant-", StringComparison.Ordinal) == true)
            .Select(g => (g.ExternalId, g.Name))];
}
