using System.Diagnostics;
using System.Net;
using System.Text;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Telemetry;
using StaffCloudSync.Functions.Functions;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Tests.Dispatch;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Notifications;
using StaffCloudSync.Tests.Planning;
using StaffCloudSync.Tests.SandboxRuns;

namespace StaffCloudSync.Tests.Telemetry;

/// <summary>
/// What an exporter receives from a run: one trace from the scheduled fan-out through each queue message to the run and
/// its continuation, the run's steps and the partners' calls as its children, and metrics whose numbers are those of
/// the run records. Expected numbers come from the scenario and the records, never from the telemetry code.
/// </summary>
[NonParallelizable]
public sealed class SyncTelemetryTests
{
    [Test]
    public async Task ScheduledRun_AndItsContinuation_AreOneTrace_CarriedByTheQueueMessages()
    {
        using var telemetry = new TelemetryCapture();
        await using var dispatch = await DispatchHarness.CreateAsync(new SyncOptions { RunTimeBudget = TimeSpan.FromSeconds(10), MaxParallelWrites = 1 });
        var plans = new Plans();
        for (var id = 1; id <= 15; id++)
        {
            plans.Eligible(id);
        }

        dispatch.Sync.Seed(plans);
        dispatch.Sync.MobieTrain.FailWrite = _ => { dispatch.Sync.Storage.Time.Advance(TimeSpan.FromSeconds(1)); return null; };

        // Through the queue trigger, as the worker takes each message.
        var trigger = new TenantSync(dispatch.Runner);
        await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);
        var first = (await dispatch.ReceiveAllAsync()).Single();
        await trigger.RunAsync(first, CancellationToken.None);
        var second = (await dispatch.ReceiveAllAsync()).Single();
        await trigger.RunAsync(second, CancellationToken.None);
        telemetry.Flush();

        SyncRequest.TryParse(first.MessageText, out var firstMessage, out _);
        SyncRequest.TryParse(second.MessageText, out var secondMessage, out _);
        var firstRecord = await dispatch.Sync.Runs.GetAsync("acme", firstMessage!.RunId, CancellationToken.None);
        var secondRecord = await dispatch.Sync.Runs.GetAsync("acme", secondMessage!.RunId, CancellationToken.None);
        var dispatched = telemetry.Named(SyncTelemetry.DispatchSpan).Single();
        var runs = telemetry.Named(SyncTelemetry.RunSpan).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { firstRecord!.Status, secondRecord!.Status }, Is.EqualTo(new[] { RunStatus.Continued, RunStatus.Succeeded }));
            Assert.That(dispatched.ParentSpanId, Is.EqualTo(default(ActivitySpanId)), "each tenant's scheduled run is a trace of its own");
            Assert.That(firstMessage.Traceparent, Is.EqualTo(dispatched.Id), "the message carries the dispatch's trace context");
            Assert.That(runs.Select(r => r.GetTagItem(SyncTelemetry.RunTag)), Is.EqualTo(new[] { firstRecord.RunId, secondRecord.RunId }));
            Assert.That(runs.Select(r => r.TraceId), Has.All.EqualTo(dispatched.TraceId), "one trace from the fan-out to the chain's end");
            Assert.That(runs[0].ParentSpanId, Is.EqualTo(dispatched.SpanId));
            Assert.That(secondMessage.Traceparent, Is.EqualTo(runs[0].Id), "the continuation's message carries its run's span");
            Assert.That(runs[1].ParentSpanId, Is.EqualTo(runs[0].SpanId));
            Assert.That(runs.Select(r => r.Kind), Has.All.EqualTo(ActivityKind.Consumer));
            foreach (var run in runs)
            {
                var steps = telemetry.Spans.Where(s => s.ParentSpanId == run.SpanId).Select(s => s.OperationName).ToList();
                Assert.That(steps, Does.Contain(SyncTelemetry.LeaseSpan).And.Contain(SyncTelemetry.ReadSpan).And.Contain(SyncTelemetry.PlanSpan), run.Id);
                Assert.That(run.GetTagItem("plan_ms"), Is.Not.Null, "the pure planner's time, on the run's span");
                Assert.That(steps, Does.Contain(SyncTelemetry.ApplySpanPrefix + "Invite"), run.Id);
            }

            Assert.That(telemetry.Spans.Where(s => s.OperationName == SyncTelemetry.ApplySpanPrefix + "CreateGroup").Select(s => s.ParentSpanId),
                Does.Contain(runs[0].SpanId), "the first invocation creates the group");
            Assert.That(telemetry.Sum(SyncTelemetry.RunsMetric, (SyncTelemetry.StatusTag, "Continued"), (SyncTelemetry.TriggerTag, "Scheduled")), Is.EqualTo(1));
            Assert.That(telemetry.Sum(SyncTelemetry.RunsMetric, (SyncTelemetry.StatusTag, "Succeeded"), (SyncTelemetry.TriggerTag, "Continuation")), Is.EqualTo(1));
            Assert.That(telemetry.Sum(SyncTelemetry.ActionsMetric, (SyncTelemetry.KindTag, "Invited")), Is.EqualTo(15), "fifteen eligible persons");
            Assert.That(telemetry.Sum(SyncTelemetry.ChainLengthMetric), Is.EqualTo(1), "one chain ended");
            Assert.That(telemetry.HistogramSum(SyncTelemetry.ChainLengthMetric), Is.EqualTo(2), "of two invocations");
            Assert.That(telemetry.Sum(SyncTelemetry.RunLagMetric), Is.EqualTo(2), "both runs were queued");
        }
    }

    [Test]
    public async Task SandboxRun_HasThePartnersCallsAsChildSpans_WithoutQueries_AndCountsTheirRetriesAnd429s()
    {
        var scenario = await ScenarioReader.ReadFileAsync(Scenario("05-transient-faults-retried.json"), CancellationToken.None);
        using var telemetry = new TelemetryCapture();

        var result = await ScenarioRunner.RunAsync(scenario, SandboxScenarioTests.TestOptions(), CancellationToken.None);
        telemetry.Flush();

        var runs = telemetry.Named(SyncTelemetry.RunSpan).ToList();
        var steps = telemetry.Spans.Where(s => runs.Any(r => r.SpanId == s.ParentSpanId)).ToList();
        var partnerCalls = telemetry.Spans.Where(s => s.Kind == ActivityKind.Client && steps.Any(p => p.SpanId == s.ParentSpanId)).ToList();
        var allRequests = result.Runs.Sum(r => r.Requests.StaffCloud + r.Requests.MobieTrainReads + r.Requests.MobieTrainWrites);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs, Has.Count.EqualTo(result.Runs.Count));
            Assert.That(partnerCalls, Is.Not.Empty, "HTTP calls are children of the run's read and apply spans");
            Assert.That(partnerCalls.Select(s => s.GetTagItem("url.full")), Has.All.Not.Null);
            Assert.That(telemetry.Spans.Select(s => s.GetTagItem("url.full") as string).OfType<string>(), Has.None.Contains("?"), "no query string in a URL");
            Assert.That(telemetry.Spans.SelectMany(s => s.Tags).Select(t => t.Key), Has.None.Contains("authorization").IgnoreCase.And.None.Contains("token").IgnoreCase);
            Assert.That(telemetry.Sum(SyncTelemetry.PartnerRequestsMetric), Is.EqualTo(allRequests), "each request the simulators served, retries included");
            Assert.That(telemetry.Sum(SyncTelemetry.PartnerThrottledMetric), Is.EqualTo(result.Runs.Sum(r => r.Requests.Throttled)));
            Assert.That(telemetry.Sum(SyncTelemetry.PartnerThrottledMetric, (SyncTelemetry.PartnerTag, "StaffCloud")), Is.EqualTo(1), "the scenario's one 429 of StaffCloud");
            Assert.That(telemetry.Sum(SyncTelemetry.PartnerRetriesMetric, (SyncTelemetry.PartnerTag, "MobieTrain")), Is.GreaterThanOrEqualTo(5), "its MobieTrain faults, each retried");
            Assert.That(telemetry.TagValues(SyncTelemetry.PartnerRetriesMetric, SyncTelemetry.PartnerTag), Is.SubsetOf(new[] { "StaffCloud", "MobieTrain" }));
        }
    }

    [Test]
    public async Task SandboxRuns_MetricsAreTheCountsOfTheirRunRecords()
    {
        var scenario = await ScenarioReader.ReadFileAsync(Scenario("07-deletion-guard-and-approval.json"), CancellationToken.None);
        using var telemetry = new TelemetryCapture();

        var result = await ScenarioRunner.RunAsync(scenario, SandboxScenarioTests.TestOptions(), CancellationToken.None);
        telemetry.Flush();

        var records = result.Runs.Select(r => r.Record).ToList();
        var tenant = (SyncTelemetry.TenantTag, (object)result.TenantId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.Sum(r => r.Counts.DeletionsHeld), Is.GreaterThan(0), "the scenario holds deletions");
            Assert.That(telemetry.Sum(SyncTelemetry.RunsMetric, tenant), Is.EqualTo(records.Count));
            foreach (var status in records.GroupBy(r => r.Status))
            {
                Assert.That(telemetry.Sum(SyncTelemetry.RunsMetric, tenant, (SyncTelemetry.StatusTag, status.Key.ToString())), Is.EqualTo(status.Count()), status.Key.ToString());
            }

            Assert.That(telemetry.Sum(SyncTelemetry.HeldDeletionsMetric, tenant), Is.EqualTo(records.Sum(r => r.Counts.DeletionsHeld)));
            Assert.That(telemetry.Sum(SyncTelemetry.SkippedMetric, tenant), Is.EqualTo(records.Sum(r => r.Skipped.Count)));
            Assert.That(telemetry.Sum(SyncTelemetry.ActionsMetric, tenant, (SyncTelemetry.KindTag, nameof(SyncCounts.Invited))), Is.EqualTo(records.Sum(r => r.Counts.Invited)));
            Assert.That(telemetry.Sum(SyncTelemetry.ActionsMetric, tenant, (SyncTelemetry.KindTag, nameof(SyncCounts.UsersRemoved))), Is.EqualTo(records.Sum(r => r.Counts.UsersRemoved)));
            Assert.That(telemetry.Sum(SyncTelemetry.RunDurationMetric), Is.EqualTo(records.Count));
        }
    }

    [Test]
    public async Task EveryRefusedNotification_IsCountedInTheMetricTheAlertReads_NeverUnderTheUrlsTenantText()
    {
        using var telemetry = new TelemetryCapture();
        await using var harness = await NotificationHarness.StartAsync();
        harness.Environment.Clock.Set(Plans.Now.AddHours(12).AddMinutes(5));
        var body = Encoding.UTF8.GetBytes("""{"event":"employee.updated"}""");

        var results = new[]
        {
            await harness.NotifyRawAsync("acme", "not-the-secret", body),
            await harness.NotifyRawAsync("acme", null, body),
            await harness.NotifyRawAsync("nobody-registered", harness.Secret, body),
        };
        telemetry.Flush();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Has.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(telemetry.Sum(SyncTelemetry.NotificationRefusalsMetric), Is.EqualTo(results.Length), "one per 401");
            Assert.That(telemetry.Sum(SyncTelemetry.NotificationRefusalsMetric, (SyncTelemetry.TenantTag, "acme")), Is.EqualTo(2));
            Assert.That(telemetry.TagValues(SyncTelemetry.NotificationRefusalsMetric, SyncTelemetry.TenantTag), Is.EquivalentTo(new[] { "acme", "unknown" }),
                "a URL's made-up tenant is no tag value");
        }
    }

    private static string Scenario(string name) =>
        RepositoryPaths.SharedScenarios().Concat(RepositoryPaths.ProjectScenarios()).Single(p => p.EndsWith(name, StringComparison.Ordinal));
}
