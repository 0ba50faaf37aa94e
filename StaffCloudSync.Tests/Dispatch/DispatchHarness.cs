using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Scheduling;
using StaffCloudSync.Tests.Engine;

namespace StaffCloudSync.Tests.Dispatch;

/// <summary>The dispatcher and the queue handlers on Azurite (queue and tables), with the engine harness behind them.</summary>
internal sealed class DispatchHarness : IAsyncDisposable
{
    private DispatchHarness(SyncHarness sync, QueueServiceClient queues)
    {
        Sync = sync;
        Queues = queues;
        Queue = queues.GetQueueClient(SyncRequest.QueueName);
        Leases = new TableTenantLeases(sync.Storage.Tables, sync.Storage.Time);
        Dispatcher = new TenantDispatcher(sync.Tenants, new StorageSyncQueue(queues), Options.Create(new Core.Tenants.QuarantineOptions()), sync.Storage.Time, new FakeLogger<TenantDispatcher>(sync.Logs));
        Runner = sync.CreateRunner(new StorageSyncQueue(queues), Leases);
        Poison = new PoisonHandler(sync.Runs, sync.Storage.Time, new FakeLogger<PoisonHandler>(sync.Logs));
    }

    public SyncHarness Sync { get; }

    public QueueServiceClient Queues { get; }

    public QueueClient Queue { get; }

    public TableTenantLeases Leases { get; }

    public TenantDispatcher Dispatcher { get; }

    public TenantRunner Runner { get; }

    public PoisonHandler Poison { get; }

    public static async Task<DispatchHarness> CreateAsync(Core.Runs.SyncOptions? syncOptions = null)
    {
        var sync = await SyncHarness.CreateAsync(sync: syncOptions);
        var queues = new QueueServiceClient(sync.Storage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var harness = new DispatchHarness(sync, queues);
        await harness.Queue.CreateIfNotExistsAsync();
        await harness.Queue.ClearMessagesAsync();
        return harness;
    }

    /// <summary>The queued messages' text exactly as stored (what the Functions trigger decodes).</summary>
    public async Task<List<string>> PeekRawAsync()
    {
        var raw = new QueueClient(Sync.Storage.ConnectionString, SyncRequest.QueueName);
        return (await raw.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
    }

    /// <summary>Takes the queued messages as the trigger receives them.</summary>
    public async Task<QueueMessage[]> ReceiveAllAsync() => (await Queue.ReceiveMessagesAsync(32)).Value;

    public async ValueTask DisposeAsync()
    {
        await Queue.ClearMessagesAsync();
        await Sync.DisposeAsync();
    }
}
