using System.Text.Json;
using StaffCloudSync.Sandbox.Scenarios;
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
        await using var storage = await StorageHarness.CreateAsync();
        var scenario = await ScenarioReader.ReadFileAsync(scenarioPath, CancellationToken.None);

        var output = ScenarioOutput.ToJson(await new EngineScenarioRunner(storage.Tenants, storage.Runs, storage.Tables).RunAsync(scenario, CancellationToken.None));

        var outputPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"engine-{Path.GetFileName(scenarioPath)}");
        await File.WriteAllTextAsync(outputPath, output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var verdict = await ScenarioChecker.CheckAsync(scenarioPath, outputPath);
        Assert.That(verdict, Is.EqualTo("ok"), $"check-scenario.py said:\n{verdict}\noutput: {outputPath}");
    }

}
