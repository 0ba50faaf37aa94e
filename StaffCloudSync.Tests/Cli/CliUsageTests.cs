using StaffCloudSync.Cli;

namespace StaffCloudSync.Tests.Cli;

/// <summary>Parsing, usage errors and exit codes: everything decided before any storage or simulator is needed.</summary>
public class CliUsageTests
{
    [Test]
    public async Task UnknownCommand_Exits2_NamingIt()
    {
        var run = await CliRun.RunAsync(null, "frobnicate");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: Unknown command 'frobnicate'"));
    }

    [Test]
    public async Task UnknownOption_Exits2()
    {
        var run = await CliRun.RunAsync(null, "tenants", "list", "--frobnicate");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.Contain("frobnicate"));
    }

    [Test]
    public async Task MissingArgument_Exits2_PointingAtTheCommandsHelp()
    {
        var run = await CliRun.RunAsync(null, "sandbox", "run");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr.Trim(), Is.EqualTo("error: Command 'run' is missing required argument 'scenario' — see: staffcloud-sync sandbox run --help"));
    }

    [Test]
    public async Task NoCommand_ShowsHelp_AndExits2()
    {
        var run = await CliRun.RunAsync(null);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(run.Stdout, Does.Contain("USAGE:"));
    }

    [Test]
    public async Task Help_ListsTheExitCodes_WithoutAnsiCodes_AndExits0()
    {
        var run = await CliRun.RunAsync(null, "sync", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Stdout, Does.Contain("EXIT CODES:").And.Contain("not found: tenant or run").And.Contain("--dry-run"));
        Assert.That(run.Stdout.Contains('\u001b', StringComparison.Ordinal), Is.False, "no ANSI codes");
    }

    [Test]
    public async Task InvalidScenarioFile_Exits2_NamingTheField_AndRunsNothing()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "cli-invalid-scenario.json");
        await File.WriteAllTextAsync(path, """{"tenant": {"id": "acme"}, "steps": [{"sync": {"at": "yesterday"}}]}""");

        var run = await CliRun.RunAsync(null, "sandbox", "run", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: steps[0].sync.at: "));
        Assert.That(run.Stdout, Is.Empty);
    }

    [Test]
    public async Task MissingScenarioFile_Exits2()
    {
        var run = await CliRun.RunAsync(null, "sandbox", "run", "/nonexistent/scenario.json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.Contain("cannot read '/nonexistent/scenario.json'"));
    }

    [Test]
    public async Task MissingStorageSetting_Exits4_NamingTheSetting()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string?>(), "tenants", "list");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: setting: AzureWebJobsStorage is not set"));
    }

    [Test]
    public async Task Sync_ValidatesEverySetting_AsTheFunctionsAppDoes_BeforeTouchingStorage()
    {
        var storageOnly = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["Secrets__Provider"] = "Configuration" };

        var sync = await CliRun.RunAsync(storageOnly, "sync", "acme");

        Assert.That(sync.ExitCode, Is.EqualTo(ExitCodes.Configuration), sync.ToString());
        Assert.That(sync.Stderr, Does.Contain("MobieTrain:BaseUrl"));
    }

    [Test]
    public async Task WithJson_AnErrorIsStillExactlyOneJsonDocumentOnStdout()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string?>(), "tenants", "list", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration));
        var error = run.Json().GetProperty("error");
        Assert.That(error.GetProperty("exitCode").GetInt32(), Is.EqualTo(ExitCodes.Configuration));
        Assert.That(error.GetProperty("messages")[0].GetString(), Does.StartWith("setting: AzureWebJobsStorage is not set"));
        Assert.That(run.Stderr, Does.StartWith("error: "));
    }

    [Test]
    public async Task TenantsAdd_InvalidFields_Exits2_ListingEachWithItsOption_BeforeAnySettingIsRead()
    {
        var run = await CliRun.RunAsync(null, "tenants", "add", "acme", "--staffcloud-tenant", "Not A Label", "--mobietrain-account", "acme",
            "--time-zone", "Mars/Base", "--deletion-threshold-percent", "150");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        var lines = run.Stderr.Trim().Split('\n');
        Assert.That(lines[0], Is.EqualTo("error: tenant 'acme' not added: 3 invalid setting(s)"));
        Assert.That(lines.Skip(1), Has.One.StartsWith("error: tenant 'acme': --staffcloud-tenant (StaffCloudApiTenant): ")
            .And.One.StartsWith("error: tenant 'acme': --time-zone (TimeZone): 'Mars/Base'")
            .And.One.StartsWith("error: tenant 'acme': --deletion-threshold-percent (DeletionThresholdPercent): 150"));
    }

    [Test]
    public async Task TenantsAdd_WithoutTheRequiredOptions_Exits2_NamingThem()
    {
        var run = await CliRun.RunAsync(null, "tenants", "add", "acme");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--staffcloud-tenant (StaffCloudApiTenant): is required").And.Contain("--mobietrain-account (MobieTrainAccountId): is required"));
    }

    [TestCase("runs", "acme", "--max", "many", "--max: 'many' is not a number of runs")]
    [TestCase("explain", "acme", "x1", "", "<employee-id>: 'x1' is not a StaffCloud employee id")]
    [TestCase("explain", "acme", "0", "", "<employee-id>: '0' is not a StaffCloud employee id (a positive decimal number)")]
    [TestCase("explain", "acme", "-5", "", "is not a StaffCloud employee id")]
    [TestCase("tenants", "update", "acme", "--invitation-max-age-months=six", "--invitation-max-age-months: 'six' is not a whole number")]
    public async Task BadNumbers_Exit2_NamingTheOption(string a, string b, string c, string d, string expected)
    {
        var run = await CliRun.RunAsync(null, new[] { a, b, c, d }.Where(x => x.Length > 0).ToArray());

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.Contain(expected));
    }

    /// <summary>The tests are built without <c>-p:Version</c> (the pipeline passes it to pack and publish only), so the version is the one place's.</summary>
    [Test]
    public async Task Version_PrintsTheVersionOfDirectoryBuildProps_Exits0()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Infrastructure.RepositoryPaths.Root, "Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;

        var run = await CliRun.RunAsync(null, "--version");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Stdout.Trim(), Is.EqualTo(version));
    }

    [Test]
    public void ExitCodeTable_IsTheDocumentedOne()
    {
        Assert.That(ExitCodes.Table.Select(e => e.Code), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 130 }));
        var docs = File.ReadAllText(Path.Combine(Infrastructure.RepositoryPaths.Root, "docs", "cli.md"));
        foreach (var (code, _) in ExitCodes.Table)
        {
            Assert.That(docs, Does.Contain($"| {code} |"), $"docs/cli.md documents exit code {code}");
        }
    }
}
