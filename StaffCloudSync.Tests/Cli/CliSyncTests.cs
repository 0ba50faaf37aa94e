using StaffCloudSync.Cli;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// <c>sync</c>, <c>runs</c> and <c>explain</c> against the simulators over loopback HTTP and Azurite — the services the
/// Functions app runs, configured only through a settings file.
/// </summary>
[NonParallelizable]
public class CliSyncTests
{
    private CliOperatorHarness harness = null!;

    [SetUp]
    public async Task StartAsync() => harness = await CliOperatorHarness.StartWithAcmeAsync();

    [TearDown]
    public async Task StopAsync() => await harness.DisposeAsync();

    [Test]
    public async Task DryRun_ThenSync_ThenRuns_ThenExplain()
    {
        harness.SeedEligible(1);

        var dry = await harness.RunAsync("sync", "acme", "--dry-run", "--json");
        Assert.That(dry.ExitCode, Is.EqualTo(ExitCodes.Success), dry.ToString());
        var dryRun = dry.Json().GetProperty("run");
        Assert.That(dryRun.GetProperty("dryRun").GetBoolean(), Is.True);
        Assert.That(dry.Json().GetProperty("chain").GetArrayLength(), Is.EqualTo(1), "a run that did not continue is a chain of one");
        Assert.That(dryRun.GetProperty("status").GetString(), Is.EqualTo("Succeeded"));
        Assert.That(dryRun.GetProperty("counts").GetProperty("invited").GetInt32(), Is.EqualTo(1));
        Assert.That(dry.Json().GetProperty("plan").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()),
            Is.EquivalentTo(new[] { "createGroup", "invite" }));
        Assert.That(harness.Environment.MobieTrain.GetContents("acme").Invitations, Is.Empty, "a dry run writes nothing");

        var sync = await harness.RunAsync("sync", "acme");
        Assert.That(sync.ExitCode, Is.EqualTo(ExitCodes.Success), sync.ToString());
        Assert.That(sync.Stdout, Does.Contain("Status: Succeeded").And.Contain("Counts: invited 1 · groupsCreated 1").And.Contain("rule 3: NewEligibleInvited"));
        Assert.That(harness.Environment.MobieTrain.GetContents("acme").Invitations.Single().ExternalId, Is.EqualTo("1"));

        var second = await harness.RunAsync("sync", "acme", "--json");
        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.ToString());
        Assert.That(second.Json().GetProperty("run").GetProperty("counts").GetProperty("invited").GetInt32(), Is.Zero, "idempotent");

        var runs = await harness.RunAsync("runs", "acme", "--json");
        Assert.That(runs.ExitCode, Is.EqualTo(ExitCodes.Success), runs.ToString());
        var records = runs.Json().EnumerateArray().ToList();
        Assert.That(records, Has.Count.EqualTo(3));
        Assert.That(records.Select(r => r.GetProperty("trigger").GetString()), Has.All.EqualTo("Manual"));
        Assert.That(records.Select(r => r.GetProperty("dryRun").GetBoolean()), Is.EqualTo(new[] { false, false, true }), "newest first");

        var firstRealRun = records[1].GetProperty("runId").GetString()!;
        var one = await harness.RunAsync("runs", "acme", "--run", firstRealRun);
        Assert.That(one.ExitCode, Is.EqualTo(ExitCodes.Success), one.ToString());
        Assert.That(one.Stdout, Does.Contain($"Run {firstRealRun} of tenant acme").And.Contain("Counts: invited 1 · groupsCreated 1"));

        var table = await harness.RunAsync("runs", "acme", "--max", "2");
        Assert.That(table.Stdout, Does.Contain("2 runs, newest first"));

        var missing = await harness.RunAsync("runs", "acme", "--run", "0123456789abcdef");
        Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.NotFound), missing.ToString());
        Assert.That(missing.Stderr, Does.StartWith("error: run '0123456789abcdef' of tenant 'acme' does not exist"));

        var explain = await harness.RunAsync("explain", "acme", "1", "--json");
        Assert.That(explain.ExitCode, Is.EqualTo(ExitCodes.Success), explain.ToString());
        var explanation = explain.Json();
        Assert.That(explanation.GetProperty("employeeId").GetInt64(), Is.EqualTo(1));
        Assert.That(explanation.GetProperty("summary").GetString(), Does.Contain("Already in MobieTrain"));
        Assert.That(explanation.GetProperty("decisions").GetArrayLength(), Is.GreaterThan(3));
        Assert.That(explanation.GetProperty("staffCloud").GetProperty("email").GetString(), Is.EqualTo("valid"), "contact shown as valid/invalid, not as a value");

        var human = await harness.RunAsync("explain", "acme", "1");
        Assert.That(human.Stdout, Does.Contain("Rules").And.Contain("Harbour Festival").And.Contain("invitation").And.Not.Contain("e1@example.com"));
    }

    [Test]
    public async Task AChainPastItsTimeBudget_WithJson_IsOneDocument_TheLastRunWithEveryInvocationInOrder()
    {
        for (var id = 1; id <= 10; id++)
        {
            harness.SeedEligible(id);
        }

        // The CLI's clock moves a second at every reading, so a budget of a few seconds is spent long before ten invitations.
        var values = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(harness.SettingsFile))!;
        values["Values"]!["Sync__RunTimeBudget"] = "00:00:05";
        values["Values"]!["Sync__MaxParallelWrites"] = "1";
        var file = harness.SettingsFile.Replace(".json", "-budget.json", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, values.ToJsonString());
        CliRun run;
        try
        {
            run = await CliRun.RunAsync(null, "sync", "acme", "--json", "--settings", file);
        }
        finally
        {
            File.Delete(file);
        }

        var document = run.Json();
        var chain = document.GetProperty("chain").EnumerateArray().Select(r => r.GetProperty("run")).ToList();
        Assert.That(chain, Has.Count.GreaterThan(1), run.ToString());
        Assert.That(chain.SkipLast(1).Select(r => r.GetProperty("status").GetString()), Has.All.EqualTo("Continued"));
        Assert.That(chain.Select(r => r.GetProperty("trigger").GetString()), Is.EqualTo(new[] { "Manual" }.Concat(Enumerable.Repeat("Continuation", chain.Count - 1))));
        Assert.That(chain.Select(r => r.GetProperty("chainId").GetString()).Distinct(), Is.EqualTo(new[] { chain[0].GetProperty("runId").GetString() }));
        Assert.That(document.GetProperty("run").GetProperty("runId").GetString(), Is.EqualTo(chain[^1].GetProperty("runId").GetString()), "the top level is the last run");
        Assert.That(document.GetProperty("run").GetProperty("status").GetString(), Is.Not.EqualTo("Continued"));
        Assert.That(chain.Sum(r => r.GetProperty("counts").GetProperty("invited").GetInt32()), Is.EqualTo(10));
        Assert.That(harness.Environment.MobieTrain.GetContents("acme").Invitations, Has.Count.EqualTo(10));
    }

    [Test]
    public async Task DisabledTenant_RealRunIsSkipped_Exit1_DryRunAllowed()
    {
        harness.SeedEligible(2);
        await harness.RunAsync("tenants", "disable", "acme");

        var sync = await harness.RunAsync("sync", "acme");
        var dry = await harness.RunAsync("sync", "acme", "--dry-run");

        Assert.That(sync.ExitCode, Is.EqualTo(ExitCodes.Failed), sync.ToString());
        Assert.That(sync.Stdout, Does.Contain("Status: Skipped").And.Contain("staffcloud-sync tenants enable acme"));
        Assert.That(dry.ExitCode, Is.EqualTo(ExitCodes.Success), dry.ToString());
        Assert.That(dry.Stdout, Does.Contain("Planned actions (dry run): 2"));
    }

    [Test]
    public async Task BusyTenant_SaysWhoHoldsIt_Exit1_AndRunsNothing()
    {
        await harness.HoldLeaseAsync("acme", "scheduled-run-42");

        var sync = await harness.RunAsync("sync", "acme");

        Assert.That(sync.ExitCode, Is.EqualTo(ExitCodes.Failed), sync.ToString());
        Assert.That(sync.Stderr, Does.StartWith("error: tenant 'acme' is busy: run scheduled-run-42 holds it until "));
        Assert.That((await harness.RunAsync("runs", "acme", "--json")).Json().GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task UnknownTenant_Exits3_ForSyncAndExplain()
    {
        var sync = await harness.RunAsync("sync", "nobody");
        var explain = await harness.RunAsync("explain", "nobody", "1", "--json");

        Assert.That(sync.ExitCode, Is.EqualTo(ExitCodes.NotFound), sync.ToString());
        Assert.That(explain.ExitCode, Is.EqualTo(ExitCodes.NotFound), explain.ToString());
        Assert.That(explain.Json().GetProperty("error").GetProperty("exitCode").GetInt32(), Is.EqualTo(ExitCodes.NotFound));
    }

    [Test]
    public async Task StorageUnreachable_Exits4()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        }, "tenants", "list");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: Azure storage (or Key Vault) request failed"));
    }
}
