using System.Text.RegularExpressions;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The alerts an operator relies on exist, reach the e-mail address of the parameters, and match the log lines
/// the app really writes: the queries' literals and fields are compared with the LoggerMessage templates.
/// </summary>
public partial class InfraAlertTests
{
    private static List<ArmResource> Rules() => InfraBuild.Main.AllOfType("Microsoft.Insights/scheduledQueryRules").ToList();

    private static string Query(ArmResource rule) =>
        rule.At("properties.criteria.allOf")!.AsArray().Single()!["query"]!.GetValue<string>();

    private static ArmResource RuleMatching(string queryPart)
    {
        var rules = Rules().Where(r => Query(r).Contains(queryPart, StringComparison.Ordinal)).ToList();
        Assert.That(rules, Has.Count.EqualTo(1), $"one alert rule whose query contains {queryPart}");
        return rules[0];
    }

    private static readonly Dictionary<string, string> QueueTemplates = LogTemplates.Of(typeof(SyncRequest).Assembly.GetType("StaffCloudSync.Core.Runs.QueueLog", throwOnError: true)!);

    private static readonly Dictionary<string, string> SyncTemplates = LogTemplates.Of(typeof(SyncLog));

    /// <summary>The rules on the app's log lines (Application Insights); the storage-log rules are checked apart.</summary>
    private static List<ArmResource> AppLogRules() => Rules().Where(r => r.Template.ModuleName == "alerts").ToList();

    [Test]
    public void ActionGroup_MailsTheAlertEmailParameter()
    {
        var group = InfraBuild.Main.AllOfType("Microsoft.Insights/actionGroups").Single();
        var receivers = group.At("properties.emailReceivers")!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(receivers, Has.Count.EqualTo(1));
            Assert.That(receivers[0]!["emailAddress"]!.GetValue<string>(), Is.EqualTo("[parameters('alertEmail')]"));
            Assert.That(group.Template.MainParameterBehind("[parameters('alertEmail')]"), Is.EqualTo("alertEmail"));
            Assert.That(InfraBuild.Main.Root["parameters"]!["alertEmail"]!["defaultValue"], Is.Null, "every environment names its own address");
            Assert.That(InfraBuild.DevParameters["alertEmail"]!["value"]!.GetValue<string>(), Does.Contain('@'));
            Assert.That(InfraBuild.ProdParameters["alertEmail"]!["value"]!.GetValue<string>(), Does.Contain('@'));
        });
    }

    [Test]
    public void EveryAppLogRule_IsEnabled_OnApplicationInsights_AndNotifiesTheActionGroup()
    {
        var rules = AppLogRules();

        Assert.Multiple(() =>
        {
            Assert.That(rules, Has.Count.EqualTo(5));
            Assert.That(Rules(), Has.Count.EqualTo(6), "the five on the app's lines and the one on the storage queue log");
            foreach (var rule in rules)
            {
                Assert.That(rule.Flag("properties.enabled"), Is.True, rule.ToString());
                Assert.That(rule.At("properties.scopes")!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("[parameters('appInsightsId')]"), rule.ToString());
                Assert.That(rule.Template.PassedParameter("appInsightsId"), Does.Contain("'monitoring'").And.EndsWith(".outputs.appInsightsId.value]"));
                Assert.That(rule.At("properties.actions.actionGroups")!.AsArray().Single()!.GetValue<string>(),
                    Does.StartWith("[resourceId('Microsoft.Insights/actionGroups', "), rule.ToString());
            }
        });
    }

    [Test]
    public void QuarantinedTenants_MatchTheLineTheAppLogsForThem()
    {
        var query = Query(RuleMatching("TenantQuarantined"));
        Assert.That(SyncTemplates["TenantQuarantined"], Does.StartWith(StartsWithLiteral(query)));
        Assert.That(SyncTemplates["TenantQuarantined"], Does.Contain("{TenantId}"), "the alert splits by the TenantId field");
    }

    [Test]
    public void NotificationRefusals_CountEvery401Line_AndNoOther()
    {
        var rule = RuleMatching("Notification refused (401)");
        var query = Query(rule);

        Assert.Multiple(() =>
        {
            Assert.That(query, Does.StartWith("traces"));
            Assert.That(LogTemplates.ReadBy(query), Is.EquivalentTo(new[]
            {
                "NotificationLog.Refused", "NotificationLog.SecretMissing", "NotificationLog.NotRegistered", "NotificationLog.SecretStillMissing",
            }));
            Assert.That(rule.At("properties.criteria.allOf")!.AsArray().Single()!["threshold"]!.ToString(), Does.Contain("notificationRefusalThreshold"));
        });
    }

    [Test]
    public void PoisonMessages_MatchTheLinesTheAppLogsForThem()
    {
        // Not the storage metric: QueueMessageCount has no queue-name dimension, and TenantSyncPoison empties the queue.
        var query = Query(RuleMatching("PoisonMessage"));
        var prefix = StartsWithLiteral(query);

        Assert.Multiple(() =>
        {
            Assert.That(query, Does.StartWith("traces"));
            Assert.That(QueueTemplates["PoisonMessage"], Does.StartWith(prefix));
            Assert.That(QueueTemplates["UnreadablePoisonMessage"], Does.StartWith(prefix));
            Assert.That(Fields(query), Is.SubsetOf(Placeholders(QueueTemplates["PoisonMessage"])));
        });
    }

    [Test]
    public void FailedOrHeldRuns_MatchTheRunFinishedLine_AndItsStatuses()
    {
        var query = Query(RuleMatching("DeletionsHeld"));
        var finished = SyncTemplates[nameof(SyncLog.RunFinished)];
        var statuses = StatusLiterals().Match(query).Groups[1].Value.Split(',').Select(s => s.Trim().Trim('"'));

        Assert.Multiple(() =>
        {
            Assert.That(query, Does.StartWith("traces"));
            Assert.That(finished, Does.StartWith(StartsWithLiteral(query)));
            Assert.That(HasLiterals(query), Is.All.Matches<string>(literal => finished.Contains(literal, StringComparison.Ordinal)));
            Assert.That(Fields(query), Is.SubsetOf(Placeholders(finished)));
            Assert.That(statuses, Is.EquivalentTo(new[] { nameof(RunStatus.Failed), nameof(RunStatus.DeletionsHeld), nameof(RunStatus.CompletedWithErrors) }));
            Assert.That(statuses, Is.SubsetOf(Enum.GetNames<RunStatus>()));
            // Only another run-finished template starts the same way would be counted twice; none does.
            Assert.That(SyncTemplates.Values.Count(t => t.StartsWith(StartsWithLiteral(query), StringComparison.Ordinal) && HasLiterals(query).All(t.Contains)), Is.EqualTo(1));
        });
    }

    [Test]
    public void PoisonOfThePoisonQueue_IsAlertedOn_FromTheStorageQueueLog()
    {
        // The host moves a message to "<queue>-poison" after maxDequeueCount; tenant-sync-poison is that of tenant-sync,
        // so a message TenantSyncPoison fails on lands in the same name once more.
        Assert.That(SyncRequest.PoisonQueueName, Is.EqualTo(SyncRequest.QueueName + "-poison"));
        var poisonOfPoison = SyncRequest.PoisonQueueName + "-poison";
        var rule = RuleMatching("StorageQueueLogs");
        var query = Query(rule);
        var storage = InfraBuild.Main.Modules.Single(m => m.ModuleName == "storage");
        var queueLog = storage.Resources.Single(r => r.Type == "Microsoft.Insights/diagnosticSettings" && r.Text("scope")!.Contains("queueServices", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(query, Does.StartWith("StorageQueueLogs"));
            Assert.That(query, Does.Contain("OperationName == \"PutMessage\"").And.Contain($"Uri contains \"/{poisonOfPoison}/messages\""));
            Assert.That(QueueNames(), Does.Contain(poisonOfPoison), "the queue exists before anything is moved to it");
            Assert.That(rule.Flag("properties.enabled"), Is.True);
            Assert.That(rule.Flag("properties.skipQueryValidation"), Is.True, "a fresh workspace has no StorageQueueLogs table yet");
            Assert.That(rule.At("properties.scopes")!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("[parameters('workspaceId')]"));
            // The rule reads the workspace the storage account's queue log (with its writes) goes to.
            Assert.That(rule.Template.PassedParameter("workspaceId"), Is.EqualTo(storage.PassedParameter("workspaceId")));
            Assert.That(storage.Resolve(queueLog.At("properties.logs"))!.AsArray().Select(l => l!["category"]!.GetValue<string>()), Does.Contain("StorageWrite"));
            Assert.That(rule.Template.PassedParameter("actionGroupId"), Does.Contain("'alerts'").And.EndsWith(".outputs.actionGroupId.value]"));
        });
    }

    private static List<string> QueueNames() =>
        InfraBuild.Main.AllOfType("Microsoft.Storage/storageAccounts/queueServices/queues").Single().CopyItems()!.Select(q => q!.GetValue<string>()).ToList();

    [Test]
    public void FunctionFailures_AreFailedRequests()
    {
        var query = Query(RuleMatching("success == false"));

        Assert.That(query, Does.StartWith("requests"));
    }

    private static string StartsWithLiteral(string query) => StartsWithClause().Match(query) is { Success: true } match
        ? match.Groups[1].Value
        : throw new AssertionException($"no 'message startswith \"…\"' in {query}");

    private static IEnumerable<string> HasLiterals(string query) => HasClause().Matches(query).Select(m => m.Groups[1].Value);

    private static IEnumerable<string> Fields(string query) => LogTemplates.Fields(query);

    private static IEnumerable<string> Placeholders(string template) => LogTemplates.Placeholders(template);

    [GeneratedRegex("message startswith \"([^\"]+)\"")]
    private static partial Regex StartsWithClause();

    [GeneratedRegex("message has \"([^\"]+)\"")]
    private static partial Regex HasClause();

    [GeneratedRegex(@"Status in \(([^)]*)\)")]
    private static partial Regex StatusLiterals();
}
