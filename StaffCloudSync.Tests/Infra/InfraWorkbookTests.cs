using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StaffCloudSync.Core.Dispatch;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.StaffCloud.Http;
using StaffCloudSync.Core.Sync;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The on-call workbook is deployed with the rest, and each of its queries reads lines the app really writes: the
/// literals that pick lines are compared with the [LoggerMessage] templates (exactly the intended templates, no other),
/// and the fields it reads with their placeholders, as the alert rules are.
/// </summary>
public partial class InfraWorkbookTests
{
    /// <summary>Each query on the app's lines (panel or parameter name) → the templates it must read, by Class.Method.</summary>
    private static readonly Dictionary<string, string[]> ExpectedLines = new(StringComparer.Ordinal)
    {
        ["Tenant"] = ["SyncLog.RunStarted"],
        ["runs-by-status"] = ["SyncLog.RunFinished"],
        ["runs-per-tenant"] = ["SyncLog.RunFinished"],
        ["failing-tenants"] = ["SyncLog.RunFailed"],
        ["held-deletions"] = ["SyncLog.DeletionsHeld"],
        ["deletion-approvals"] = ["SyncLog.DeletionApprovalUsed"],
        ["quarantined-tenants"] = ["SyncLog.TenantQuarantined", "SyncLog.QuarantineLifted"],
        ["poison-messages"] = ["DispatchLog.PoisonMessage", "DispatchLog.UnreadablePoisonMessage"],
        ["partner-retries"] = ["RetryLog.Retrying"],
        ["slowest-runs"] = ["SyncLog.RunFinished"],
    };

    /// <summary>Queries on other tables, each checked by a test of its own below.</summary>
    private static readonly string[] OtherQueries = ["poison-of-poison", "partner-requests", "partner-throttling"];

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

    private static IEnumerable<string> AppLineQueries() => ExpectedLines.Keys;

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
        Assert.That(Queries().Keys, Is.EquivalentTo(ExpectedLines.Keys.Concat(OtherQueries)), "a new panel needs its expected lines here");
    }

    [TestCaseSource(nameof(AppLineQueries))]
    public void ReadsExactlyItsLines_AndOnlyFieldsThoseLinesCarry(string name)
    {
        var query = Kql(name);
        var filters = LogTemplates.LineFilters(query);
        var read = LogTemplates.ReadBy(query);
        var placeholders = ExpectedLines[name].SelectMany(t => LogTemplates.Placeholders(LogTemplates.All[t])).ToHashSet(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(query.TrimStart(), Does.StartWith("traces"));
            Assert.That(filters, Is.Not.Empty);
            Assert.That(filters, Is.All.Matches<LineFilter>(f => f.IsFixedText), "literals of the lines' fixed text, no placeholder");
            Assert.That(filters, Is.All.Matches<LineFilter>(f => ExpectedLines[name].Any(t => f.Matches(LogTemplates.All[t]))), "every filter picks one of the lines");
            Assert.That(read, Is.EquivalentTo(ExpectedLines[name]), "and no other line of the app");
            Assert.That(LogTemplates.Fields(query), Is.SubsetOf(placeholders));
        });
    }

    [Test]
    public void StatusLiterals_AreRunStatuses()
    {
        var statuses = ExpectedLines.Keys.SelectMany(n => StatusLiteral().Matches(Kql(n)).Select(m => m.Groups[1].Value)).Distinct().ToList();

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
    public void PartnerPanels_TellThePartnersApart_ByTheHostsTheAppCalls()
    {
        var host = Content()["items"]!.AsArray().Single(i => i!["type"]!.GetValue<int>() == 9)!["content"]!["parameters"]!.AsArray()
            .Single(p => p!["name"]!.GetValue<string>() == "MobieTrainHost")!;
        var workbook = Workbook().Template;

        Assert.Multiple(() =>
        {
            Assert.That(StaffCloudBaseAddress.For("acme", null).Host, Does.EndWith(".staff.cloud"));
            Assert.That(host["value"]!.GetValue<string>(), Is.EqualTo(workbook.PassedParameter("mobieTrainHost")));
            Assert.That(workbook.PassedParameter("mobieTrainHost"), Is.EqualTo("[split(parameters('mobieTrainBaseUrl'), '/')[2]]"));
            foreach (var parameters in new[] { InfraBuild.DevParameters, InfraBuild.ProdParameters })
            {
                // What split(url, '/')[2] gives is the host the MobieTrain client calls.
                var url = parameters["mobieTrainBaseUrl"]!["value"]!.GetValue<string>();
                Assert.That(url.Split('/')[2], Is.EqualTo(new Uri(url).Host), url);
            }

            foreach (var name in new[] { "partner-requests", "partner-throttling", "partner-retries" })
            {
                Assert.That(Kql(name), Does.Contain("endswith \".staff.cloud\", \"StaffCloud\"").And.Contain("== \"{MobieTrainHost}\", \"MobieTrain\""), name);
            }

            Assert.That(Kql("partner-requests"), Does.StartWith("dependencies").And.Contain("countif(resultCode == \"429\")"));
            Assert.That(Kql("partner-throttling"), Does.StartWith("dependencies").And.Contain("resultCode == \"429\""));
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
