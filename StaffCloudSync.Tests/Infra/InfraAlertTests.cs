using System.Text.RegularExpressions;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The alerts an operator relies on exist, reach the e-mail address of the parameters, and read metrics the app really
/// emits: each query's metric names are instruments of the app's Meter and its fields are tags the code sets. No rule
/// reads the text of a log line, so rewording a message cannot silently break an alert.
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

    /// <summary>The rules on the app's telemetry (Application Insights); the storage-log rule is checked apart.</summary>
    private static List<ArmResource> AppRules() => Rules().Where(r => r.Template.ModuleName is "alerts" or "partner-alerts").ToList();

    /// <summary>The rules on the app's metrics (all app rules but the failed function invocations, which are requests).</summary>
    private static IEnumerable<TestCaseData> MetricRules() =>
        new[] { SyncTelemetry.PoisonMessagesMetric, SyncTelemetry.RunsMetric, SyncTelemetry.QuarantinedMetric, SyncTelemetry.NotificationRefusalsMetric,
            SyncTelemetry.PartnerThrottledMetric }.Select(metric => new TestCaseData(metric).SetName($"AlertOn {metric}"));

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
    public void EveryAppRule_IsEnabled_OnApplicationInsights_AndNotifiesTheActionGroup()
    {
        var rules = AppRules();

        Assert.Multiple(() =>
        {
            Assert.That(rules, Has.Count.EqualTo(6));
            Assert.That(Rules(), Has.Count.EqualTo(7), "the six on the app's telemetry and the one on the storage queue log");
            foreach (var rule in rules)
            {
                Assert.That(rule.Flag("properties.enabled"), Is.True, rule.ToString());
                Assert.That(rule.At("properties.scopes")!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("[parameters('appInsightsId')]"), rule.ToString());
                Assert.That(rule.Template.PassedParameter("appInsightsId"), Does.Contain("'monitoring'").And.EndsWith(".outputs.appInsightsId.value]"));
                Assert.That(rule.At("properties.actions.actionGroups")!.AsArray().Single()!.GetValue<string>(),
                    Does.StartWith("[resourceId('Microsoft.Insights/actionGroups', ").Or.EqualTo("[parameters('actionGroupId')]"), rule.ToString());
            }
        });
    }

    [TestCaseSource(nameof(MetricRules))]
    public void Rule_ReadsAMetricTheCodeEmits_ByTagsTheCodeSets(string metric)
    {
        var query = Query(RuleMatching($"name == \"{metric}\""));

        Assert.Multiple(() =>
        {
            Assert.That(query, Does.StartWith("customMetrics"));
            Assert.That(AppMetrics.ReadBy(query), Is.EqualTo(new[] { metric }));
            Assert.That(AppMetrics.Names, Does.Contain(metric), "an instrument of the app's Meter");
            Assert.That(AppMetrics.Fields(query), Is.SubsetOf(AppMetrics.Tags));
        });
    }

    [Test]
    public void NoRule_ReadsTheTextOfALogLine()
    {
        Assert.That(Rules().Select(Query), Has.None.Matches<string>(AppMetrics.ReadsLogText));
    }

    [Test]
    public void QuarantineAndPoisonAndRunAlerts_SplitByTenant()
    {
        Assert.Multiple(() =>
        {
            foreach (var metric in new[] { SyncTelemetry.PoisonMessagesMetric, SyncTelemetry.QuarantinedMetric, SyncTelemetry.RunsMetric })
            {
                var rule = RuleMatching($"name == \"{metric}\"");
                Assert.That(Query(rule), Does.Contain($"TenantId = tostring(customDimensions.{SyncTelemetry.TenantTag})"), metric);
                Assert.That(rule.At("properties.criteria.allOf")!.AsArray().Single()!["dimensions"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()),
                    Does.Contain("TenantId"), metric);
            }
        });
    }

    [Test]
    public void FailedOrHeldRuns_AreTheRunsWithThoseStatuses_NotDryRuns()
    {
        var query = Query(RuleMatching($"name == \"{SyncTelemetry.RunsMetric}\""));
        var statuses = StatusLiterals().Match(query).Groups[1].Value.Split(',').Select(s => s.Trim().Trim('"'));

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.EquivalentTo(new[] { nameof(RunStatus.Failed), nameof(RunStatus.DeletionsHeld), nameof(RunStatus.CompletedWithErrors) }));
            Assert.That(statuses, Is.SubsetOf(Enum.GetNames<RunStatus>()));
            Assert.That(query, Does.Contain($"customDimensions.{SyncTelemetry.DryRunTag}").And.Contain("!~ \"true\""));
        });
    }

    [Test]
    public void NotificationRefusals_AndPartner429s_HaveTheirThresholdParameters()
    {
        var refusals = RuleMatching(SyncTelemetry.NotificationRefusalsMetric);
        var throttled = RuleMatching(SyncTelemetry.PartnerThrottledMetric);

        Assert.Multiple(() =>
        {
            Assert.That(refusals.At("properties.criteria.allOf")!.AsArray().Single()!["threshold"]!.ToString(), Does.Contain("notificationRefusalThreshold"));
            Assert.That(throttled.At("properties.criteria.allOf")!.AsArray().Single()!["threshold"]!.ToString(), Does.Contain("partnerThrottleThreshold"));
            Assert.That(Query(throttled), Does.Contain($"customDimensions.{SyncTelemetry.PartnerTag}"), "one alert per partner");
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

    [GeneratedRegex(@"Status in \(([^)]*)\)")]
    private static partial Regex StatusLiterals();
}
