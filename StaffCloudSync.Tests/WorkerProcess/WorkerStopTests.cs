using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Planning;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// "No run is lost to a stopped host" (sync-rules.md) with the real worker process against the simulators and Azurite:
/// the worker is stopped at a chosen write of the apply phase — by the host's <c>InvocationCancel</c>, by SIGTERM, or
/// killed outright — and the tenant is then finished by what the host does next, with every person invited once.
/// </summary>
[Category("WorkerProcess")]
[NonParallelizable]
public class WorkerStopTests
{
    private const int People = 8;

    // One write at a time, so "the k-th write" is a point of the apply phase, the same in every run of the test.
    private static readonly Dictionary<string, string> OneWriteAtATime = new() { ["Sync__MaxParallelWrites"] = "1" };

    public enum Stop
    {
        InvocationCancel,
        Sigterm,
        Kill,
    }

    [TestCase(Stop.InvocationCancel, 1)]
    [TestCase(Stop.InvocationCancel, 5)]
    [TestCase(Stop.Sigterm, 3)]
    [TestCase(Stop.Kill, 1)]
    [TestCase(Stop.Kill, 5)]
    public async Task WorkerStoppedMidApply_TheTenantIsFinished_EveryoneInvitedOnce_AndTheNextRunWritesNothing(Stop how, int atWrite)
    {
        await using var sandbox = await WorkerSandbox.StartAsync(OneWriteAtATime, Plans.DefaultTenant());
        for (var id = 1; id <= People; id++)
        {
            sandbox.SeedEligible("acme", id);
        }

        // The worker runs on the machine's clock and the simulator dates its invitations by the sandbox's: the same
        // day, or the worker finds the invitations it made months stale and replaces them.
        sandbox.Environment.Clock.Set(DateTimeOffset.UtcNow);
        var mobieTrain = sandbox.Environment.MobieTrain;
        Assert.That(sandbox.Init.Capabilities.Keys, Does.Contain("HandlesInvocationCancelMessage"), "without it the host never tells a running function it stops");
        var message = await SendAndReceiveAsync(sandbox, new SyncRequest("acme", "run-stopped", RunTrigger.Scheduled, false, Plans.Now));
        var request = sandbox.Invocation("TenantSync", "message", HostPayloads.Queue(message), HostPayloads.QueueMetadata(message));
        var served = 0;
        void StopHere()
        {
            if (Interlocked.Increment(ref served) != atWrite)
            {
                return;
            }

            // Later answers are slow, as a slow partner's are: the stop reaches the worker before a second write can start.
            mobieTrain.Latency = TimeSpan.FromMilliseconds(300);
            switch (how)
            {
                case Stop.InvocationCancel:
                    sandbox.Connection.SendAsync(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } }).GetAwaiter().GetResult();
                    break;
                case Stop.Sigterm:
                    sandbox.Worker.Terminate();
                    break;
                default:
                    sandbox.Worker.Kill();
                    break;
            }
        }

        mobieTrain.WriteServed += StopHere;
        try
        {
            await sandbox.InvokeAsync(request);
        }
        catch (IOException) when (how != Stop.InvocationCancel)
        {
            // The worker went before it answered (killed), or as it answered (its shutdown closes the stream).
        }
        finally
        {
            mobieTrain.WriteServed -= StopHere;
        }

        if (how != Stop.InvocationCancel)
        {
            await sandbox.Worker.WaitForExitAsync(WorkerSandbox.StepDeadline);
        }

        mobieTrain.Latency = TimeSpan.Zero;
        var invitedBeforeStop = mobieTrain.GetContents("acme").Invitations.Count;
        var runs = sandbox.Environment.Services.GetRequiredService<RunStore>();
        if (how == Stop.Kill)
        {
            Assert.That((await runs.GetAsync("acme", "run-stopped", CancellationToken.None))?.Status, Is.EqualTo(RunStatus.Running), "killed: it could record nothing");
            await sandbox.StartNextWorkerAsync();
            await RedeliverAsync(sandbox, message);
        }
        else if (how == Stop.Sigterm)
        {
            await sandbox.StartNextWorkerAsync();
        }

        var stopped = await runs.GetAsync("acme", "run-stopped", CancellationToken.None);
        var continuation = await ReceiveContinuationAsync(sandbox);
        var resumed = await sandbox.InvokeAsync("TenantSync", "message", HostPayloads.Queue(continuation.Message), HostPayloads.QueueMetadata(continuation.Message));
        var finished = await runs.GetAsync("acme", continuation.Request.RunId, CancellationToken.None);
        var writesAfterChain = mobieTrain.Requests.Writes;
        var next = await SendAndReceiveAsync(sandbox, new SyncRequest("acme", "run-after", RunTrigger.Scheduled, false, Plans.Now));
        await sandbox.InvokeAsync("TenantSync", "message", HostPayloads.Queue(next), HostPayloads.QueueMetadata(next));
        var after = await runs.GetAsync("acme", "run-after", CancellationToken.None);

        var invitations = mobieTrain.GetContents("acme").Invitations;
        var invitationPosts = mobieTrain.ServedRequests.Count(r => r.Method == "POST" && r.Path.EndsWith("/invitations", StringComparison.Ordinal) && r.Status is >= 200 and < 300 && !r.Replayed);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(invitedBeforeStop, Is.LessThan(People), "stopped mid-apply, before everyone was invited");
            Assert.That(stopped?.Status, Is.EqualTo(RunStatus.Continued), sandbox.Connection.Logs);
            Assert.That(stopped?.Reason, how == Stop.Kill ? Does.Contain("stopped without warning") : Does.Contain("the host is stopping"));
            Assert.That(stopped?.Reason, Does.Contain(continuation.Request.RunId));
            Assert.That(resumed.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), sandbox.Explain(resumed));
            Assert.That(finished?.Status, Is.EqualTo(RunStatus.Succeeded), finished?.Reason);
            Assert.That(finished?.ChainId, Is.EqualTo("run-stopped"));
            Assert.That(invitations.Select(i => i.ExternalId), Is.EquivalentTo(Enumerable.Range(1, People).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.That(invitationPosts, Is.EqualTo(People), "each person invited exactly once");
            Assert.That(after?.Status, Is.EqualTo(RunStatus.Succeeded), after?.Reason);
            Assert.That(mobieTrain.Requests.Writes, Is.EqualTo(writesAfterChain), "the next run writes nothing");
        }
    }

    /// <summary>
    /// The queue delivering the dead run's message again, as it does once the dead instance stops keeping it invisible.
    /// The dead run's lease is first brought to its last second, as if it had been taken 35 minutes ago: the test does
    /// not wait out a real lease.
    /// </summary>
    private static async Task RedeliverAsync(WorkerSandbox sandbox, Azure.Storage.Queues.Models.QueueMessage message)
    {
        var leases = await sandbox.Environment.Services.GetRequiredService<StorageTables>().Leases.GetAsync(CancellationToken.None);
        var lease = (await leases.GetEntityAsync<TableEntity>("lease", "acme")).Value;
        Assert.That(lease.GetString("RunId"), Is.EqualTo("run-stopped"), "the dead run still holds the tenant");
        lease["ExpiresAt"] = DateTimeOffset.UtcNow.AddSeconds(1);
        await leases.UpdateEntityAsync(lease, lease.ETag, TableUpdateMode.Replace);

        var queue = sandbox.Queue(SyncRequest.QueueName);
        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        var again = (await queue.ReceiveMessagesAsync(1)).Value.Single();
        Assert.That(again.DequeueCount, Is.EqualTo(2));
        var response = await sandbox.InvokeAsync("TenantSync", "message", HostPayloads.Queue(again), HostPayloads.QueueMetadata(again));
        Assert.That(response.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), sandbox.Explain(response));
        await queue.DeleteMessageAsync(again.MessageId, again.PopReceipt);
    }

    /// <summary>The continuation's message, as the trigger takes it once it is visible (at once, or when the lease lapses).</summary>
    private static async Task<(Azure.Storage.Queues.Models.QueueMessage Message, SyncRequest Request)> ReceiveContinuationAsync(WorkerSandbox sandbox)
    {
        var queue = sandbox.Queue(SyncRequest.QueueName);
        (Azure.Storage.Queues.Models.QueueMessage, SyncRequest)? found = null;
        await Poll.UntilAsync(async () =>
        {
            foreach (var m in (await queue.ReceiveMessagesAsync(10)).Value)
            {
                if (SyncRequest.TryParse(m.MessageText, out var parsed, out _) && parsed!.Trigger == RunTrigger.Continuation)
                {
                    found = (m, parsed);
                }
            }

            return found is not null;
        }, TimeSpan.FromSeconds(20), () => "the continuation's message became visible");
        return found!.Value;
    }

    private static async Task<Azure.Storage.Queues.Models.QueueMessage> SendAndReceiveAsync(WorkerSandbox sandbox, SyncRequest request)
    {
        var queue = sandbox.Queue(SyncRequest.QueueName);
        await queue.SendMessageAsync(request.ToJson());
        await Poll.UntilAsync(async () => (await queue.PeekMessagesAsync(32)).Value.Any(m => m.MessageText.Contains(request.RunId, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), () => "the message was queued");
        var received = (await queue.ReceiveMessagesAsync(32)).Value;
        return received.Single(m => m.MessageText.Contains(request.RunId, StringComparison.Ordinal));
    }
}
