using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.Failures;
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

        // A scenario about a rate limit is about waiting for it: only there do the waits take real time.
        var result = await ScenarioRunner.RunAsync(scenario, scenario.MobieTrainSimulator.RateLimitPerSecond > 0 ? new ScenarioRunOptions() : TestOptions(),
            CancellationToken.None);

        var outputPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"sandbox-{Path.GetFileName(scenarioPath)}");
        await File.WriteAllTextAsync(outputPath, ScenarioOutput.ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Assert.That(await ScenarioChecker.CheckAsync(scenarioPath, outputPath), Is.EqualTo("ok"), $"output: {outputPath}");
        // A run refused for its configuration (a row sharing an account) reads nothing, by the rule.
        Assert.That(result.Runs.Where(r => r.Record.FailureKind != SyncFailureKind.Configuration).Select(r => r.Requests.StaffCloud),
            Has.All.GreaterThan(0), "StaffCloud was read over HTTP");
    }

    [Test]
    public async Task ChainPastItsBudget_WritesExactlyTheMinimum_AndInvitesEveryoneOnce()
    {
        var path = RepositoryPaths.ProjectScenarios().Single(p => p.EndsWith("18-time-budget-continuations.json", StringComparison.Ordinal));
        var scenario = await ScenarioReader.ReadFileAsync(path, CancellationToken.None);
        var eligible = scenario.StaffCloud.Employees.Count;

        var result = await ScenarioRunner.RunAsync(scenario, new ScenarioRunOptions(), CancellationToken.None);

        var chain = result.Runs.TakeWhile(r => r.Record.Trigger != Core.Runs.Records.RunTrigger.Scheduled || r == result.Runs[0]).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(chain, Has.Count.GreaterThanOrEqualTo(2));
            Assert.That(chain.Sum(r => r.Requests.MobieTrainWrites), Is.EqualTo(eligible + 1), "one invitation each and one group, nothing twice");
            Assert.That(result.MobieTrain.Invitations.GroupBy(i => i.ExternalId).Where(g => g.Count() > 1), Is.Empty);
            Assert.That(result.MobieTrain.Invitations, Has.Count.EqualTo(eligible));
            Assert.That(result.Runs[^1].Requests.MobieTrainWrites, Is.Zero);
        }
    }
}
