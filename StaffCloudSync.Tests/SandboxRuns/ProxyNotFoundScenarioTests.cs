using System.Text.Json.Nodes;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.SandboxRuns;

/// <summary>
/// The scenario format's <c>"body"</c> fault (a proxy's or a wrong path's page, sent as it is with the fault's status),
/// and scenario 36, whose request counts the shared checker does not compare: the control read costs one request,
/// only in the run whose single reads all answered 404.
/// </summary>
public class ProxyNotFoundScenarioTests
{
    private static string File(string fault) =>
        $$$"""{"tenant": {"id": "acme"}, "simulators": {"staffcloud": {"faults": [{{{fault}}}]}}, "steps": [{"sync": {"at": "2026-03-01T02:00:00Z"}}]}""";

    [Test]
    public void BodyFault_IsSentAsItIs_WithItsStatus_AsHtml()
    {
        var fault = ScenarioReader.Read(File("""{"path": "/employees/8", "status": 404, "body": "<html>Not Found</html>"}""")).StaffCloudSimulator.Faults.Single();

        Assert.That((fault.Status, fault.Body, fault.ContentType), Is.EqualTo((404, "<html>Not Found</html>", "text/html")));
    }

    [TestCase("""{"path": "/employees/8", "status": 404, "body": 5}""", "simulators.staffcloud.faults[0].body")]
    [TestCase("""{"path": "/employees/8", "answer": [], "body": "x"}""", "simulators.staffcloud.faults[0]")]
    public void BodyThatIsNotAStringOrBesideAnAnswer_NamesItsField(string fault, string field)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioReader.Read(File(fault)));

        Assert.That(error!.Field, Is.EqualTo(field), error.Message);
    }

    [Test]
    public async Task Scenario36_MakesTheRequestsItExpects_OneControlReadOnlyInTheRunWhoseReadsAll404()
    {
        var path = RepositoryPaths.ProjectScenarios().Single(p => p.EndsWith("36-proxy-404-proves-nothing.json", StringComparison.Ordinal));
        var scenario = await ScenarioReader.ReadFileAsync(path, CancellationToken.None);
        var expected = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(path))!["expect"]!["runs"]!.AsArray()
            .Select(r => r!["requests"]!["staffcloud"]!.GetValue<long>()).ToList();

        var result = await ScenarioRunner.RunAsync(scenario, SandboxScenarioTests.TestOptions(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Runs.Select(r => r.Requests.StaffCloud), Is.EqualTo(expected));
            Assert.That(result.Runs[0].Record.Reason, Does.Contain("proves nothing about employee 8").And.Contain("'<html>Not Found</html>'"));
        }
    }
}
