using System.Net;
using StaffCloudSync.Cli;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Functions.Functions;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Tests.Cli;
using StaffCloudSync.Tests.Functions;
using StaffCloudSync.Tests.Planning;
using StaffCloudSync.Tests.SandboxRuns;

namespace StaffCloudSync.Tests.Results;

/// <summary>
/// The results file of a run with done writes, skips, a refused write and held deletions (<see cref="ResultsScenario"/>):
/// from a sandbox run's record, from <c>runs show --csv</c> after a CLI sync, and from the Functions endpoint after a queued
/// run — simulators over loopback, Azurite for the run records.
/// </summary>
[NonParallelizable]
public class RunResultsTests
{
    private static readonly string[] Header = ["employeeId", "mobieTrainId", "action", "rule", "reason", "outcome"];

    [Test]
    public async Task SandboxRun_ResultsFile_ListsEachDoneSkippedFailedAndHeldPersonOnce()
    {
        var result = await ScenarioRunner.RunAsync(ResultsScenario.Read(), SandboxScenarioTests.TestOptions(), CancellationToken.None);

        var record = result.Runs.Single().Record;
        Assert.That(record.Status, Is.EqualTo(RunStatus.DeletionsHeld), record.Reason);
        AssertResults(RunResults.ToCsv(RunResults.Rows(record)));
    }

    [Test]
    public async Task Cli_RunsShowCsv_PrintsTheRunsResultsFile_FromTheStoredRecord()
    {
        await using var harness = await CliOperatorHarness.StartWithAcmeAsync();
        ResultsScenario.Seed(harness.Environment);

        var sync = await harness.RunAsync("sync", "acme", "--json");
        Assert.That(sync.ExitCode, Is.EqualTo(ExitCodes.Failed), sync.ToString());
        var runId = sync.Json().GetProperty("run").GetProperty("runId").GetString()!;

        var csv = await harness.RunStorageOnlyAsync("runs", "show", "acme", runId, "--csv");
        Assert.That(csv.ExitCode, Is.EqualTo(ExitCodes.Success), csv.ToString());
        Assert.That(csv.Stderr, Is.Empty);
        AssertResults(csv.Stdout);

        var shown = await harness.RunStorageOnlyAsync("runs", "show", "acme", runId);
        Assert.That(shown.ExitCode, Is.EqualTo(ExitCodes.Success), shown.ToString());
        Assert.That(shown.Stdout, Does.Contain($"Run {runId} of tenant acme"));
        Assert.That((await harness.RunStorageOnlyAsync("runs", "acme", "--max", "1")).Stdout, Does.Contain("1 run, newest first"), "runs <tenant> still lists");

        var missing = await harness.RunStorageOnlyAsync("runs", "show", "acme", "0123456789abcdef", "--csv");
        Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.NotFound), missing.ToString());
        Assert.That(missing.Stdout, Is.Empty);
    }

    [Test]
    public async Task Function_RunResults_AnswersTheCsv_404ForAnUnknownRun()
    {
        await using var host = await FunctionsHarness.StartAsync(Plans.DefaultTenant());
        ResultsScenario.Seed(host.Environment);
        await host.Function<StartSync>().RunAsync(FakeHttpRequestData.Post("tenants/acme/sync"), "acme", CancellationToken.None);
        await host.Function<TenantSync>().RunAsync((await host.Queue.ReceiveMessagesAsync(1)).Value.Single(), CancellationToken.None);
        var runId = (await host.Service<RunStore>().ListRecentAsync("acme", 1, CancellationToken.None).SingleAsync()).RunId;

        var found = (FakeHttpResponseData)await host.Function<RunResultsCsv>()
            .RunAsync(FakeHttpRequestData.Get($"tenants/acme/runs/{runId}/results"), "acme", runId, CancellationToken.None);
        var missing = (FakeHttpResponseData)await host.Function<RunResultsCsv>()
            .RunAsync(FakeHttpRequestData.Get("tenants/acme/runs/nope/results"), "acme", "nope", CancellationToken.None);

        Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(found.Headers.GetValues("Content-Type").Single(), Does.StartWith("text/csv"));
        Assert.That(found.Headers.Contains(RunResultsCsv.OmittedHeader), Is.False);
        AssertResults(found.Text());
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static void AssertResults(string csv)
    {
        var rows = Csv.Parse(csv);
        var lines = rows.Skip(1).ToList();
        var expected = ResultsScenario.ExpectedLines();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows[0], Is.EqualTo(Header));
            Assert.That(Csv.WithoutReason(lines), Is.EquivalentTo(expected), csv);
            Assert.That(lines.GroupBy(r => r[0]).Where(g => g.Count() > 1), Is.Empty, "each person once");
            Assert.That(lines.Where(r => r[5] == "skipped").Select(r => r[4]), Has.All.EqualTo(nameof(SkipReason.NoContact)));
            Assert.That(lines.Where(r => r[5] == "failed").Select(r => r[4]), Has.All.Contain(ResultsScenario.RefusedStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(lines.Where(r => r[5] == "held").Select(r => r[4]), Has.All.EqualTo("held by the deletion guard"));
            Assert.That(lines.Where(r => r[5] == "done").Select(r => r[4]), Has.All.Empty);
            Assert.That(csv, Does.Not.Contain("@").And.Not.Contain("Person").And.Not.Contain("Ana"), "no contact data or names");
        }
    }
}
