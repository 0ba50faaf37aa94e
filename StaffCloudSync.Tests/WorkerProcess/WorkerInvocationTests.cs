using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// InvocationRequests, shaped as the host shapes them, to the real worker process: each function type the app has
/// (timer, queue, HTTP, the poison queue), working against Azurite and the simulators the test reads back.
/// </summary>
[Category("WorkerProcess")]
[NonParallelizable]
public class WorkerInvocationTests
{
    private static readonly TenantSettings Acme = Plans.DefaultTenant() with { Notifications = true };
    private static readonly TenantSettings Beta = Plans.DefaultTenant() with { TenantId = "beta", StaffCloudApiTenant = "beta", MobieTrainAccountId = "beta" };
    private static readonly TenantSettings Gamma = Plans.DefaultTenant() with { TenantId = "gamma", StaffCloudApiTenant = "gamma", MobieTrainAccountId = "gamma", Enabled = false };

    [Test]
    public async Task Timer_FansOut_OneBase64MessagePerEnabledTenant_OnTheAzuriteQueue()
    {
        await using var sandbox = await WorkerSandbox.StartAsync(Acme, Beta, Gamma);

        var response = await sandbox.InvokeAsync("ScheduledDispatch", "timer", HostPayloads.Timer(isPastDue: false));

        Assert.That(response.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), sandbox.Explain(response));
        var queued = (await sandbox.Queue(SyncRequest.QueueName).ReceiveMessagesAsync(10)).Value;
        var messages = queued.Select(m => SyncRequest.TryParse(m.MessageText, out var parsed, out _) ? parsed : null).ToList();
        Assert.That(messages, Has.All.Not.Null, "each message decodes (base64) and parses as a sync message");
        Assert.That(messages.Select(m => m!.TenantId), Is.EquivalentTo(new[] { "acme", "beta" }));
        Assert.That(messages.Select(m => m!.Trigger), Has.All.EqualTo(RunTrigger.Scheduled));
    }

    [Test]
    public async Task QueueFunction_RunsTheTenant_AgainstTheSimulators_AndRecordsTheRunInAzurite()
    {
        await using var sandbox = await WorkerSandbox.StartAsync(Acme);
        sandbox.SeedEligible("acme", 1);
        var message = await ReceiveAsync(sandbox, SyncRequest.QueueName, new SyncRequest("acme", "run-worker-1", RunTrigger.Manual, false, Plans.Now));

        var response = await sandbox.InvokeAsync("TenantSync", "message", HostPayloads.Queue(message), HostPayloads.QueueMetadata(message));

        Assert.That(response.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), sandbox.Explain(response));
        var run = await sandbox.Environment.Services.GetRequiredService<RunStore>().GetAsync("acme", "run-worker-1", CancellationToken.None);
        Assert.That(run, Is.Not.Null, "the worker wrote the run record to the sandbox's table in Azurite");
        Assert.That(run!.Status, Is.EqualTo(RunStatus.Succeeded), run.Reason);
        Assert.That(run.Trigger, Is.EqualTo(RunTrigger.Manual));
        Assert.That(run.Counts.Invited, Is.EqualTo(1));
        Assert.That(sandbox.Environment.MobieTrain.GetContents("acme").Invitations.Single().ExternalId, Is.EqualTo("1"));
    }

    [Test]
    public async Task HttpFunction_ListRuns_Answers200_WithTheRunsAsJson()
    {
        await using var sandbox = await WorkerSandbox.StartAsync(Acme);
        await sandbox.Environment.Services.GetRequiredService<RunStore>().WriteAsync(new RunRecord
        {
            TenantId = "acme", RunId = "run-http-1", StartedAt = Plans.Now, EndedAt = Plans.Now.AddMinutes(1), Status = RunStatus.Succeeded,
        }, CancellationToken.None);
        var route = new Dictionary<string, string> { ["tenantId"] = "acme" };

        var response = await sandbox.InvokeAsync("ListRuns", "request",
            HostPayloads.Http("GET", new Uri("http://localhost:7071/api/tenants/acme/runs?max=5"), route), HostPayloads.RouteMetadata(route));

        Assert.That(response.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), sandbox.Explain(response));
        var http = response.ReturnValue?.Http;
        Assert.That(http, Is.Not.Null, $"the HTTP answer is the $return value; got {response.ReturnValue?.DataCase}");
        Assert.That(http!.StatusCode, Is.EqualTo(((int)HttpStatusCode.OK).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(http.Headers.Where(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value),
            Has.One.StartsWith("application/json"));
        var body = JsonNode.Parse(http.Body.Bytes.ToStringUtf8())!.AsArray();
        Assert.That(body.Select(r => r!["runId"]!.GetValue<string>()), Is.EqualTo(new[] { "run-http-1" }));
        Assert.That(body[0]!["status"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
    }

    [Test]
    public async Task HttpFunction_StaffCloudNotification_Answers202_AndQueuesTheEarlyRunInvisible()
    {
        await using var sandbox = await WorkerSandbox.StartAsync(Acme);
        var secret = await sandbox.Environment.Services.GetRequiredService<Core.Platform.Secrets.ISecretStore>().GetSecretAsync(Acme.EffectiveWebhookSecret, CancellationToken.None);
        var route = new Dictionary<string, string> { ["tenantId"] = "acme" };
        var url = new Uri($"http://localhost:7071/api/notifications/staffcloud/acme?secret={Uri.EscapeDataString(secret)}");

        var response = await sandbox.InvokeAsync("StaffCloudNotification", "request",
            HostPayloads.Http("POST", url, route, """{"trigger":{"event":"employee.updated"}}"""u8.ToArray()), HostPayloads.RouteMetadata(route));
        var refused = await sandbox.InvokeAsync("StaffCloudNotification", "request",
            HostPayloads.Http("POST", new Uri("http://localhost:7071/api/notifications/staffcloud/acme?secret=wrong"), route, "{}"u8.ToArray()), HostPayloads.RouteMetadata(route));

        Assert.That(response.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), sandbox.Explain(response));
        Assert.That(response.ReturnValue?.Http?.StatusCode, Is.EqualTo("202"), sandbox.Explain(response));
        Assert.That(JsonNode.Parse(response.ReturnValue!.Http.Body.Bytes.ToStringUtf8())!["outcome"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        Assert.That(refused.ReturnValue?.Http?.StatusCode, Is.EqualTo("401"));
        var queue = sandbox.Queue(SyncRequest.QueueName);
        Assert.That((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, Is.EqualTo(1), "one early run for the one accepted notification");
        Assert.That((await queue.ReceiveMessagesAsync(10)).Value, Is.Empty, "invisible until its due time");
    }

    [Test]
    public async Task PoisonFunction_RecordsTheGivenUpRun_AgainstTheTenant()
    {
        await using var sandbox = await WorkerSandbox.StartAsync(Acme);
        var message = await ReceiveAsync(sandbox, SyncRequest.PoisonQueueName, new SyncRequest("acme", "run-poison-1", RunTrigger.Scheduled, false, Plans.Now));

        var response = await sandbox.InvokeAsync("TenantSyncPoison", "message", HostPayloads.Queue(message), HostPayloads.QueueMetadata(message));

        Assert.That(response.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), sandbox.Explain(response));
        var run = await sandbox.Environment.Services.GetRequiredService<RunStore>().GetAsync("acme", "run-poison-1", CancellationToken.None);
        Assert.That(run?.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run!.Reason, Does.StartWith($"Given up after the queue's retries (message moved to {SyncRequest.PoisonQueueName})"));
    }

    /// <summary>A message put on a queue the way the app sends it, then dequeued the way the host's listener dequeues it.</summary>
    private static async Task<Azure.Storage.Queues.Models.QueueMessage> ReceiveAsync(WorkerSandbox sandbox, string queueName, SyncRequest message)
    {
        var queue = sandbox.Queue(queueName);
        await queue.SendMessageAsync(message.ToJson());
        var received = (await queue.ReceiveMessagesAsync(1)).Value.Single();
        Assert.That(received.DequeueCount, Is.EqualTo(1));
        return received;
    }
}
