using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Failures;
using StaffCloudSync.Core.Http;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.SandboxRuns;

/// <summary>
/// Every shared scenario through the sandbox — real clients over loopback HTTP to the simulators, real stores on
/// Azurite, the tenant-sync service — judged by the shared checker.
/// </summary>
public class SandboxScenarioTests
{
    private static IEnumerable<TestCaseData> Scenarios() =>
        RepositoryPaths.SharedScenarios().Concat(RepositoryPaths.ProjectScenarios())
            .Select(path => new TestCaseData(path).SetName($"Sandbox {Path.GetFileNameWithoutExtension(path)}"));

    /// <summary>Back-off waits are skipped (and recorded) in tests; everything else is the real path.</summary>
    internal static ScenarioRunOptions TestOptions() => new()
    {
        ConfigureServices = services => services.AddSingleton(new BackoffClock(new InstantTimeProvider())),
    };

    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario_PassesTheSharedChecker(string scenarioPath)
    {
        var scenario = await ScenarioReader.ReadFileAsync(scenarioPath, CancellationToken.None);

        var result = await ScenarioRunner.RunAsync(scenario, TestOptions(), CancellationToken.None);

        var outputPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"sandbox-{Path.GetFileName(scenarioPath)}");
        await File.WriteAllTextAsync(outputPath, ScenarioOutput.ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Assert.That(await ScenarioChecker.CheckAsync(scenarioPath, outputPath), Is.EqualTo("ok"), $"output: {outputPath}");
        // A run refused for its configuration (a row sharing an account) reads nothing, by the rule.
        Assert.That(result.Runs.Where(r => r.Record.FailureKind != SyncFailureKind.Configuration).Select(r => r.Requests.StaffCloud),
            Has.All.GreaterThan(0), "StaffCloud was read over HTTP");
    }
}
