using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Functions.Functions;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Functions;

/// <summary>
/// Dispatch → queue → sync → run record, end to end: the function classes the host calls, the services they call,
/// Azurite for tables and the queue, and both simulators over loopback HTTP.
/// </summary>
[NonParallelizable]
public class FunctionsEndToEndTests
{
    private static readonly TenantSettings Acme = Plans.DefaultTenant();
    private static readonly TenantSettings Beta = Plans.DefaultTenant() with { TenantId = "beta", StaffCloudApiTenant = "beta", MobieTrainAccountId = "beta" };
    private static readonly TenantSettings Gamma = Plans.DefaultTenant() with { TenantId = "gamma", StaffCloudApiTenant = "gamma", MobieTrainAccountId = "gamma", Enabled = false };

    [Test]
    public async Task Timer_FansOut_QueueFunctionSyncsEachEnabledTenant_AndRecordsTheRun()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme, Beta, Gamma);
        host.SeedEligible("acme", 1);
        host.SeedEligible("beta", 2);
        host.SeedEligible("gamma", 3);

        await host.Function<ScheduledDispatch>().RunAsync(new TimerInfo(), CancellationToken.None);
        var messages = (await host.Queue.ReceiveMessagesAsync(10)).Value;
        foreach (var message in messages)
        {
            await host.Function<TenantSync>().RunAsync(message, CancellationToken.None);
        }

        Assert.That(messages, Has.Length.EqualTo(2));
        var runs = host.Service<RunStore>();
        foreach (var (tenant, account, employee) in new[] { ("acme", "acme", "1"), ("beta", "beta", "2") })
        {
            var run = await runs.ListRecentAsync(tenant, 1, CancellationToken.None).SingleAsync();
            Assert.That(run.Status, Is.EqualTo(RunStatus.Succeeded), run.Reason);
            Assert.That(run.Trigger, Is.EqualTo(RunTrigger.Scheduled));
            Assert.That(run.Counts.Invited, Is.EqualTo(1));
            Assert.That(host.Environment.MobieTrain.GetContents(account).Invitations.Single().ExternalId, Is.EqualTo(employee));
        }

        Assert.That(await runs.ListRecentAsync("gamma", 1, CancellationToken.None).ToListAsync(), Is.Empty);
        Assert.That(host.Environment.MobieTrain.GetContents("gamma").Invitations, Is.Empty);
        Assert.That(host.Environment.StaffCloud.Requests.Writes, Is.Zero);
    }

    [Test]
    public async Task StartSync_Queues_AManualRun_404ForAnUnknownTenant()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);

        var accepted = (FakeHttpResponseData)await host.Function<StartSync>().RunAsync(FakeHttpRequestData.Post("tenants/acme/sync?dryRun=true"), "acme", CancellationToken.None);
        var missing = (FakeHttpResponseData)await host.Function<StartSync>().RunAsync(FakeHttpRequestData.Post("tenants/nobody/sync"), "nobody", CancellationToken.None);

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var body = JsonNode.Parse(accepted.Text())!;
        Assert.That(body["trigger"]!.GetValue<string>(), Is.EqualTo("Manual"));
        Assert.That(body["dryRun"]!.GetValue<bool>(), Is.True);
        var queued = (await host.Queue.ReceiveMessagesAsync(10)).Value.Single();
        Assert.That(queued.MessageText, Does.Contain(body["runId"]!.GetValue<string>()));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(JsonNode.Parse(missing.Text())!["error"]!.GetValue<string>(), Is.EqualTo("tenant 'nobody' does not exist"));
    }

    [Test]
    public async Task PlanExplainRunsHealth_AnswerWithJson()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        host.SeedEligible("acme", 1);

        var plan = (FakeHttpResponseData)await host.Function<PlanTenant>().RunAsync(FakeHttpRequestData.Get("tenants/acme/plan"), "acme", CancellationToken.None);
        var explain = (FakeHttpResponseData)await host.Function<ExplainEmployee>().RunAsync(FakeHttpRequestData.Get("tenants/acme/employees/1"), "acme", 1, CancellationToken.None);
        var runs = (FakeHttpResponseData)await host.Function<ListRuns>().RunAsync(FakeHttpRequestData.Get("tenants/acme/runs?max=5"), "acme", CancellationToken.None);
        var health = (FakeHttpResponseData)await host.Function<Health>().RunAsync(FakeHttpRequestData.Get("health"), CancellationToken.None);

        Assert.That(plan.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var planJson = JsonNode.Parse(plan.Text())!;
        Assert.That(planJson["counts"]!["invited"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(planJson["wouldEndAs"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
        Assert.That(explain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.Parse(explain.Text())!["summary"]!.GetValue<string>(), Is.EqualTo("Will invite."));
        Assert.That(runs.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.Parse(runs.Text())!.AsArray(), Is.Empty, "preview and explain record no run");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(host.Environment.MobieTrain.GetContents("acme").Invitations, Is.Empty, "nothing was written");
    }

    [TestCase(0L)]
    [TestCase(-5L)]
    public async Task Explain_OfAnEmployeeIdThatIsNotPositiveIs400_AndAsksStaffCloudNothing(long employeeId)
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        var reads = host.Environment.StaffCloud.Requests.Reads;

        var explain = (FakeHttpResponseData)await host.Function<ExplainEmployee>()
            .RunAsync(FakeHttpRequestData.Get($"tenants/acme/employees/{employeeId}"), "acme", employeeId, CancellationToken.None);

        Assert.That(explain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(explain.Text())!["error"]!.GetValue<string>(), Does.Contain("not a StaffCloud employee id"));
        Assert.That(host.Environment.StaffCloud.Requests.Reads, Is.EqualTo(reads));
    }

    [Test]
    public async Task Plan_OfAnUnknownTenantIs404_WithRejectedCredentials502()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        host.Environment.StaffCloud.Tenant("acme").Token = "eyJsomething-else";

        var missing = (FakeHttpResponseData)await host.Function<PlanTenant>().RunAsync(FakeHttpRequestData.Get("tenants/nobody/plan"), "nobody", CancellationToken.None);
        var rejected = (FakeHttpResponseData)await host.Function<PlanTenant>().RunAsync(FakeHttpRequestData.Get("tenants/acme/plan"), "acme", CancellationToken.None);

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(rejected.Text(), Does.Contain("Authentication").And.Contain("staffcloud-token-acme"));
    }
}
