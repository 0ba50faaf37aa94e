using System.Text.Json.Nodes;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Functions;

/// <summary>
/// The wiring the Functions host reads: the <c>functions.metadata</c> the build generates (no <c>func</c> needed),
/// and the settings that fill its placeholders.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "functions.metadata")))!.AsArray());

    private static JsonObject Binding(string function) =>
        Metadata.Value.Single(f => f!["name"]!.GetValue<string>() == function)!["bindings"]!.AsArray()
            .Single(b => b!["direction"]!.GetValue<string>() == "In")!.AsObject();

    private static string Text(JsonObject node, string field) => node[field]!.GetValue<string>();

    [Test]
    public void EveryFunctionIsThere()
    {
        var names = Metadata.Value.Select(f => f!["name"]!.GetValue<string>());
        Assert.That(names, Is.EquivalentTo(new[]
        {
            "ScheduledDispatch", "TenantSync", "TenantSyncPoison", "StartSync", "PlanTenant", "ExplainEmployee", "ListRuns", "Health",
            "StaffCloudNotification", "CheckTenant", "RunResultsCsv",
        }));
    }

    [Test]
    public void ScheduledDispatch_IsATimerOnTheSyncScheduleSetting_NotRunOnStartup()
    {
        var timer = Binding("ScheduledDispatch");
        Assert.That(Text(timer, "type"), Is.EqualTo("timerTrigger"));
        Assert.That(Text(timer, "schedule"), Is.EqualTo("%SyncSchedule%"));
        Assert.That(timer["runOnStartup"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public void SyncSchedule_IsTwiceADayAt02And14Utc_InTheSampleSettings()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!;
        Assert.That(sample["Values"]!["SyncSchedule"]!.GetValue<string>(), Is.EqualTo("0 0 2,14 * * *"));
    }

    [TestCase("TenantSync", "tenant-sync")]
    [TestCase("TenantSyncPoison", "tenant-sync-poison")]
    public void QueueFunctions_ListenOnTheirQueues_OnTheAppsStorage(string function, string queue)
    {
        var trigger = Binding(function);
        Assert.That(Text(trigger, "type"), Is.EqualTo("queueTrigger"));
        Assert.That(Text(trigger, "queueName"), Is.EqualTo(queue));
        Assert.That(Text(trigger, "connection"), Is.EqualTo("AzureWebJobsStorage"));
    }

    [TestCase("StartSync", "post", "tenants/{tenantId}/sync")]
    [TestCase("PlanTenant", "get", "tenants/{tenantId}/plan")]
    [TestCase("ExplainEmployee", "get", "tenants/{tenantId}/employees/{employeeId:long}")]
    [TestCase("ListRuns", "get", "tenants/{tenantId}/runs")]
    [TestCase("RunResultsCsv", "get", "tenants/{tenantId}/runs/{runId}/results")]
    [TestCase("CheckTenant", "get", "tenants/{tenantId}/check")]
    [TestCase("Health", "get", "health")]
    public void HttpFunctions_NeedAFunctionKey(string function, string method, string route)
    {
        var trigger = Binding(function);
        Assert.That(Text(trigger, "type"), Is.EqualTo("httpTrigger"));
        Assert.That(Text(trigger, "authLevel"), Is.EqualTo("Function"));
        Assert.That(trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { method }));
        Assert.That(Text(trigger, "route"), Is.EqualTo(route));
    }

    [Test]
    public void StaffCloudNotification_IsAnonymousForTheHost_APostOnTheNotificationRoute()
    {
        // StaffCloud cannot send a function key: the tenant's own secret in the URL is the check (NotificationReceiver).
        var trigger = Binding("StaffCloudNotification");
        Assert.That(Text(trigger, "type"), Is.EqualTo("httpTrigger"));
        Assert.That(Text(trigger, "authLevel"), Is.EqualTo("Anonymous"));
        Assert.That(trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "post" }));
        Assert.That(Text(trigger, "route"), Is.EqualTo("notifications/staffcloud/{tenantId}"));
    }

    [Test]
    public void HostJson_QueueSettingsAndTimeout_AreChosen()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!;
        var queues = host["extensions"]!["queues"]!;
        Assert.That(queues["maxDequeueCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(queues["messageEncoding"]!.GetValue<string>(), Is.EqualTo("base64"));
        Assert.That(TimeSpan.Parse(host["functionTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            Is.LessThan(new Core.Runs.DispatchOptions().LeaseDuration), "a lease must outlive the longest run");
        // The host exports as the worker does (OpenTelemetry); nothing the alerts or an operator read is sampled away.
        Assert.That(host["telemetryMode"]!.GetValue<string>(), Is.EqualTo("OpenTelemetry"));
        Assert.That(host["logging"]!["applicationInsights"]!["samplingSettings"]!["isEnabled"]!.GetValue<bool>(), Is.False);
        Assert.That(host["logging"]!["logLevel"]!["StaffCloudSync"]!.GetValue<string>(), Is.EqualTo("Information"));
    }
}
