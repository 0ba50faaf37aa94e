using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Engine.Scenarios;

/// <summary>
/// The shared example scenarios run through the engine (service, reader, planner, applier, Table stores on
/// Azurite; StaffCloud and MobieTrain in memory), judged by the shared checker itself.
/// </summary>
public class SharedScenarioTests
{
    private static IEnumerable<TestCaseData> Scenarios() =>
        RepositoryPaths.SharedScenarios().Select(path => new TestCaseData(path).SetName($"Scenario {Path.GetFileNameWithoutExtension(path)}"));

    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario_GivesItsExpectedResults(string scenarioPath)
    {
        await using var storage = await StorageTestContext.CreateAsync();
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(scenarioPath))!.AsObject();

        var output = await new EngineScenarioRunner(storage.Tenants, storage.Runs).RunAsync(scenario, CancellationToken.None);

        var outputPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"engine-{Path.GetFileName(scenarioPath)}");
        await File.WriteAllTextAsync(outputPath, output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var (exitCode, verdict) = await CheckAsync(scenarioPath, outputPath);
        Assert.That(verdict.Trim(), Is.EqualTo("ok"), $"check-scenario.py said (exit {exitCode}):\n{verdict}\noutput: {outputPath}");
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(string scenarioPath, string outputPath)
    {
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Shared, "tools", "check-scenario.py"), scenarioPath, outputPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
