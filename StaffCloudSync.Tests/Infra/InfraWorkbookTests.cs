using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The on-call workbook is deployed with the rest, and each of its queries reads metrics the app really emits: the
/// metric names are instruments of the app's Meter (exactly the intended ones) and the fields are tags the code sets,
/// as the alert rules are. No panel reads the text of a log line.
/// </summary>
public partial class InfraWorkbookTests
{
    /// <summary>Each query on the app's metrics (panel or parameter name) → the metrics it must read.</summary>
    private static readonly Dictionary<string, string[]> ExpectedMetrics = new(StringComparer.Ordinal)
    {
        ["Tenant"] = [SyncTelemetry.RunsMetric],
        ["runs-by-status"] = [SyncTelemetry.RunsMetric],
        ["runs-per-tenant"] = [SyncTelemetry.RunsMetric],
        ["failing-tenants"] = [SyncTelemetry.RunsMetric],
        ["held-deletions"] = [SyncTelemetry.HeldDeletionsMetric],
        ["actions-by-kind"] = [SyncTelemetry.ActionsMetric, SyncTelemetry.SkippedMetric],
        ["quarantined-tenants"] = [SyncTelemetry.QuarantinedMetric],
        ["poison-messages"] = [SyncTelemetry.PoisonMessagesMetric],
        ["partner-requests"] = [SyncTelemetry.PartnerRequestsMetric],
        ["partner-throttling"] = [SyncTelemetry.PartnerThrottledMetric],
        ["partner-retries"] = [SyncTelemetry.PartnerRetriesMetric],
        ["run-times"] = [SyncTelemetry.RunDurationMetric, SyncTelemetry.RunLagMetric, SyncTelemetry.ChainLengthMetric],
    };

    /// <summary>Queries on other tables, each checked by a test of its own below.</summary>
    private static readonly string[] OtherQueries = ["poison-of-poison"];

    private static ArmResource Workbook() => InfraBuild.Main.AllOfType("Microsoft.Insights/workbooks").Single();

    /// <summary>The workbook's content as deployed (serializedData is string(content)), its query files read in.</summary>
    private static JsonObject Content()
    {
        var workbook = Workbook();
        Assert.That(workbook.Text("properties.serializedData"), Is.EqualTo("[string(variables('content'))]"));
        return workbook.Template.Resolve(JsonValue.Create("[variables('content')]"))!.AsObject();
    }

    /// <summary>Every object of the content with a query (panels and parameters), by its name.</summary>
    private static Dictionary<string, JsonObject> Queries()
    {
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string? name)
        {
            switch (node)
            {
                case JsonObject obj:
                    var own = obj["name"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : name;
                    if (obj["query"] is JsonValue)
                    {
                        found.Add(own!, obj);
                    }

                    foreach (var (_, child) in obj)
                    {
                        Walk(child, own);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Walk(child, name);
                    }

                    break;
            }
        }

        Walk(Content(), null);
        return found;
    }

    private static string Query(string name) => Queries()[name]["query"]!.GetValue<string>();

    /// <summary>The query without its comment lines.</summary>
    private static string Kql(string name) =>
        string.Join('\n', Query(name).Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    private static IEnumerable<string> MetricQueries() => ExpectedMetrics.Keys;

    [Test]
    public void IsASharedWorkbook_OfTheApplicationInsightsComponent()
    {
        var workbook = Workbook();

        Assert.Multiple(() =>
        {
            Assert.That(workbook.Text("kind"), Is.EqualTo("shared"));
            Assert.That(workbook.Text("properties.category"), Is.EqualTo("workbook"));
            Assert.That(workbook.Text("properties.sourceId"), Is.EqualTo("[parameters('appInsightsId')]"));
            Assert.That(workbook.Template.PassedParameter("appInsightsId"), Does.Contain("'monitoring'").And.EndsWith(".outputs.appInsightsId.value]"));
            // A workbook's name must be a GUID; guid() of the resource group keeps it on every redeployment.
            Assert.That(workbook.Template.PassedParameter("name"), Does.StartWith("[guid(resourceGroup().id, "));
            Assert.That(Content()["version"]!.GetValue<string>(), Is.EqualTo("Notebook/1.0"));
        });
    }

    [Test]
    public void EveryQuery_IsCheckedHere()
    {
        Assert.That(Queries().Keys, Is.EquivalentTo(ExpectedMetrics.Keys.Concat(OtherQueries)), "a new panel needs its expected metrics here");
    }

    [TestCaseSource(nameof(MetricQueries))]
    public void ReadsExactlyItsMetrics_AndOnlyTagsTheCodeSets(string name)
    {
        var query = Kql(name);

        Assert.Multiple(() =>
        {
            Assert.That(query.TrimStart(), Does.StartWith("customMetrics"));
            Assert.That(AppMetrics.ReadBy(query), Is.EquivalentTo(ExpectedMetrics[name]), "and no other metric");
            Assert.That(ExpectedMetrics[name], Is.SubsetOf(AppMetrics.Names), "instruments of the app's Meter");
            Assert.That(AppMetrics.Fields(query), Is.SubsetOf(AppMetrics.Tags));
        });
    }

    [Test]
    public void NoQuery_ReadsTheTextOfALogLine()
    {
        Assert.That(Queries().Keys.Select(Kql), Has.None.Matches<string>(AppMetrics.ReadsLogText));
    }

    [Test]
    public void StatusLiterals_AreRunStatuses()
    {
        var statuses = ExpectedMetrics.Keys.SelectMany(n => StatusLiteral().Matches(Kql(n)).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.Not.Empty);
            Assert.That(statuses, Is.SubsetOf(Enum.GetNames<RunStatus>()));
        });
    }

    [Test]
    public void Parameters_UsedByTheQueries_AreDeclared_AndAllTenantsMeansEveryTenant()
    {
        var parameters = Content()["items"]!.AsArray().Single(i => i!["type"]!.GetValue<int>() == 9)!["content"]!["parameters"]!.AsArray();
        var declared = parameters.Select(p => p!["name"]!.GetValue<string>()).ToList();
        var used = Queries().Values.SelectMany(q => ParameterToken().Matches(q["query"]!.GetValue<string>()).Select(m => m.Groups[1].Value)).Distinct();
        var tenant = parameters.Single(p => p!["name"]!.GetValue<string>() == "Tenant")!;

        Assert.Multiple(() =>
        {
            Assert.That(used, Is.SubsetOf(declared));
            Assert.That(Queries().Values.Select(q => q["timeContextFromParameter"]?.GetValue<string>()).OfType<string>(), Is.All.EqualTo("TimeRange"));
            Assert.That(tenant["typeSettings"]!["selectAllValue"]!.GetValue<string>(), Is.EqualTo("*"));
            foreach (var name in Queries().Keys.Where(n => Query(n).Contains("{Tenant}", StringComparison.Ordinal)))
            {
                Assert.That(Kql(name), Does.Contain("| where '*' in ({Tenant}) or TenantId in ({Tenant})"), name);
            }
        });
    }

    [Test]
    public void PartnerPanels_TellThePartnersApart_ByThePartnerTag()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "partner-requests", "partner-throttling", "partner-retries" })
            {
                Assert.That(Kql(name), Does.Contain($"Partner = tostring(customDimensions.{SyncTelemetry.PartnerTag})"), name);
            }

            Assert.That(Kql("partner-requests"), Does.Contain($"customDimensions.{SyncTelemetry.StatusCodeTag}").And.Contain("== 429"));
        });
    }

    [Test]
    public void PoisonOfPoisonPanel_ReadsTheWorkspacesQueueLog_OfTheQueueTheHostMovesTo()
    {
        var panel = Queries()["poison-of-poison"];

        Assert.Multiple(() =>
        {
            Assert.That(Kql("poison-of-poison"), Does.StartWith("StorageQueueLogs").And.Contain($"Uri contains \"/{SyncRequest.PoisonQueueName}-poison/messages\""));
            Assert.That(panel["resourceType"]!.GetValue<string>(), Is.EqualTo("microsoft.operationalinsights/workspaces"));
            Assert.That(panel["crossComponentResources"]!.AsArray().Single()!.GetValue<string>(), Does.Contain("'monitoring'").And.EndsWith(".outputs.workspaceId.value]"));
        });
    }

    [GeneratedRegex("Status == \"([A-Za-z]+)\"")]
    private static partial Regex StatusLiteral();

    /// <summary>A workbook parameter in a query: {Name} or {Name:option}.</summary>
    [GeneratedRegex(@"\{([A-Za-z]+)(?::[a-z]+)?\}")]
    private static partial Regex ParameterToken();
}
