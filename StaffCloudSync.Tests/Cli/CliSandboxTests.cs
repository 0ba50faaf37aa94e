using StaffCloudSync.Cli;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// <c>sandbox run</c> and <c>sandbox demo</c> in-process, on the test run's Azurite: the JSON document is the one the
/// shared checker judges, the human report is plain text when redirected.
/// </summary>
public class CliSandboxTests
{
    private static async Task<Dictionary<string, string?>> StorageAsync() =>
        new() { ["AzureWebJobsStorage"] = await AzuriteHost.EnsureStartedAsync() };

    [Test]
    public async Task SandboxRun_Json_IsOneDocument_TheSharedCheckerAccepts()
    {
        var scenario = RepositoryPaths.SharedScenarios().First();

        var run = await CliRun.RunAsync(await StorageAsync(), "sandbox", "run", scenario, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Json().GetProperty("runs").GetArrayLength(), Is.GreaterThan(0));
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"cli-{Path.GetFileName(scenario)}");
        await File.WriteAllTextAsync(output, run.Stdout);
        Assert.That(await ScenarioChecker.CheckAsync(scenario, output), Is.EqualTo("ok"), $"output: {output}");
        Assert.That(run.Stdout.Contains('\u001b', StringComparison.Ordinal), Is.False, "no ANSI codes");
    }

    [Test]
    public async Task SandboxRun_Human_ReportsEveryRunsActions_AndTheFinalState_InPlainText()
    {
        var scenario = RepositoryPaths.SharedScenarios().Single(p => Path.GetFileName(p).StartsWith("02-", StringComparison.Ordinal));

        var run = await CliRun.RunAsync(await StorageAsync(), "sandbox", "run", scenario);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Stdout, Does.Contain("Run 1 of 2 — sync at 2026-03-01 02:00:00Z")
            .And.Contain("Status: Succeeded")
            .And.Contain("removeUser")
            .And.Contain("rule 1: DeactivatedRemoved")
            .And.Contain("Requests: StaffCloud")
            .And.Contain("MobieTrain at the end"));
        Assert.That(run.Stdout.Contains('\u001b', StringComparison.Ordinal), Is.False, "no ANSI codes when redirected");
        Assert.That(run.Stderr, Is.Empty, "nothing at warning level in a clean scenario");
    }

    [Test]
    public async Task SandboxRun_Verbose_LogsInformationOnStderr_NotOnStdout()
    {
        var scenario = RepositoryPaths.SharedScenarios().First();

        var run = await CliRun.RunAsync(await StorageAsync(), "sandbox", "run", scenario, "--json", "--verbose");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Stderr, Does.Contain("info: TenantRunner"));
        Assert.That(run.Json().GetProperty("staffcloudWrites").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Interrupted_Exits130_WithOneJsonDocument()
    {
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();

        var run = await CliRun.RunAsync(await StorageAsync(), interrupted.Token, "sandbox", "run", RepositoryPaths.SharedScenarios().First(), "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Interrupted), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: interrupted"));
        Assert.That(run.Json().GetProperty("error").GetProperty("exitCode").GetInt32(), Is.EqualTo(ExitCodes.Interrupted));
    }

    [Test]
    public async Task SandboxDemo_ClosesWith_SecondRunNothingToDo()
    {
        var run = await CliRun.RunAsync(await StorageAsync(), "sandbox", "demo");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Stdout.TrimEnd(), Does.EndWith(" run: nothing to do — 0 writes"));
    }

    [Test]
    public async Task SandboxDemo_Json_IsTheScenarioOutput_WithTheSummary()
    {
        var run = await CliRun.RunAsync(await StorageAsync(), "sandbox", "demo", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var json = run.Json();
        Assert.That(json.GetProperty("runs").GetArrayLength(), Is.GreaterThanOrEqualTo(2));
        var summary = json.GetProperty("summary");
        Assert.That(summary[summary.GetArrayLength() - 1].GetString(), Does.EndWith("nothing to do — 0 writes"));
    }
}
