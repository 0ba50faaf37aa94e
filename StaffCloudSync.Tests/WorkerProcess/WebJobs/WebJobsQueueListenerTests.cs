using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Scheduling;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.WorkerProcess.WebJobs;

/// <summary>
/// The host's queue listener (the WebJobs SDK's queues extension) with host.json's <c>extensions.queues</c> on Azurite:
/// polling, base64 decoding, dequeue counts, the visibility timeout of a retry and the move to <c>tenant-sync-poison</c>.
/// The messages come from the app's own dispatcher, as the timer sends them.
/// </summary>
[Category("WorkerProcess")]
[NonParallelizable]
public class WebJobsQueueListenerTests
{
    private static readonly TimeSpan ListenerDeadline = TimeSpan.FromSeconds(45);

    private string storage = string.Empty;

    [SetUp]
    public async Task StartAzurite() => storage = await AzuriteHost.EnsureStartedAsync();

    [Test]
    public async Task HostJsonQueueSettings_AreWhatTheSdkBinds()
    {
        await using var listener = QueueListenerHost.Create("UseDevelopmentStorage=true");

        var options = listener.Options;

        Assert.That(options.MaxDequeueCount, Is.EqualTo(HostJsonQueues.MaxDequeueCount).And.EqualTo(3));
        Assert.That(options.VisibilityTimeout, Is.EqualTo(HostJsonQueues.VisibilityTimeout).And.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(options.BatchSize, Is.EqualTo(HostJsonQueues.BatchSize));
        Assert.That(options.MaxPollingInterval, Is.EqualTo(HostJsonQueues.MaxPollingInterval));
        Assert.That(options.MessageEncoding.ToString(), Is.EqualTo(HostJsonQueues.MessageEncoding).IgnoreCase);
    }

    [Test]
    public async Task TimerMessage_IsDecoded_ByTheListener_AndDeletedAfterSuccess()
    {
        await using var sandbox = await StartSandboxAsync();
        await sandbox.Services.GetRequiredService<TenantDispatcher>().DispatchAsync(isPastDue: false, CancellationToken.None);
        await using var listener = QueueListenerHost.Create(storage);

        await listener.StartAsync();
        await Poll.UntilAsync(() => Task.FromResult(!listener.Probe.Received.IsEmpty), ListenerDeadline, () => "the listener handed the message to the function");
        await Poll.UntilAsync(async () => (await MainQueue().GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, ListenerDeadline,
            () => "the listener deleted the message after the function succeeded");

        var (text, dequeueCount) = listener.Probe.Received.Single();
        Assert.That(SyncRequest.TryParse(text, out var message, out var error), Is.True, error);
        Assert.That(message!.TenantId, Is.EqualTo("acme"));
        Assert.That(message.Trigger, Is.EqualTo(RunTrigger.Scheduled));
        Assert.That(dequeueCount, Is.EqualTo(1));
    }

    [Test]
    public async Task FailingRun_IsRetriedMaxDequeueCountTimes_WithTheVisibilityTimeout_ThenPoisoned_BodyIntact()
    {
        await using var sandbox = await StartSandboxAsync();
        sandbox.StaffCloud.Outage = true;
        await sandbox.Services.GetRequiredService<TenantDispatcher>().DispatchAsync(isPastDue: false, CancellationToken.None);
        await using var listener = QueueListenerHost.Create(storage);

        // What the app's TenantSync does with a message: the real handler, which rethrows an outage for the queue to retry.
        var handler = ActivatorUtilities.GetServiceOrCreateInstance<TenantRunner>(sandbox.Services);
        listener.Probe.Handle = (m, ct) => handler.RunQueuedAsync(m.MessageText, m.MessageId, m.DequeueCount, ct);

        await listener.StartAsync();
        var poison = Queue(SyncRequest.PoisonQueueName);
        await Poll.UntilAsync(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length == 1, ListenerDeadline,
            () => $"the message in {SyncRequest.PoisonQueueName}; the function saw dequeue counts [{string.Join(", ", listener.Probe.Received.Select(r => r.DequeueCount))}]");

        var maxDequeueCount = HostJsonQueues.MaxDequeueCount;
        Assert.That(listener.Probe.Received.Select(r => r.DequeueCount), Is.EqualTo(Enumerable.Range(1, maxDequeueCount).Select(i => (long)i)),
            "one attempt per dequeue, up to host.json's maxDequeueCount");
        Assert.That(listener.Processors.Releases.Select(r => r.RequestedVisibilityTimeout), Is.EqualTo(Enumerable.Repeat(HostJsonQueues.VisibilityTimeout, maxDequeueCount - 1)),
            "after each failure but the last the listener hides the message for host.json's visibilityTimeout");
        var sent = listener.Probe.Received.First().Text;
        Assert.That(listener.Probe.Received.Select(r => r.Text), Has.All.EqualTo(sent));
        Assert.That((await poison.PeekMessagesAsync(1)).Value.Single().MessageText, Is.EqualTo(sent), "the poison message is the original body");
        Assert.That((await MainQueue().GetPropertiesAsync()).Value.ApproximateMessagesCount, Is.Zero, "it left tenant-sync");

        Assert.That(SyncRequest.TryParse(sent, out var message, out _), Is.True);
        var run = await sandbox.Services.GetRequiredService<RunStore>().GetAsync("acme", message!.RunId, CancellationToken.None);
        Assert.That(run?.Status, Is.EqualTo(RunStatus.Failed), "each attempt recorded the outage on the run");
    }

    private QueueClient MainQueue() => Queue(SyncRequest.QueueName);

    /// <summary>A queue as the trigger reads it (base64, host.json's messageEncoding).</summary>
    private QueueClient Queue(string name) => new(storage, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>The sandbox with one tenant, and both queues of the app empty (they are shared by every test on Azurite).</summary>
    private async Task<SandboxEnvironment> StartSandboxAsync()
    {
        foreach (var name in new[] { SyncRequest.QueueName, SyncRequest.PoisonQueueName })
        {
            await Queue(name).CreateIfNotExistsAsync();
            await Queue(name).ClearMessagesAsync();
        }

        return await TestSandbox.StartAsync([new SandboxTenant(Plans.DefaultTenant())]);
    }

    [TearDown]
    public async Task EmptyTheQueues()
    {
        foreach (var name in new[] { SyncRequest.QueueName, SyncRequest.PoisonQueueName })
        {
            if (await Queue(name).ExistsAsync())
            {
                await Queue(name).ClearMessagesAsync();
            }
        }
    }
}
