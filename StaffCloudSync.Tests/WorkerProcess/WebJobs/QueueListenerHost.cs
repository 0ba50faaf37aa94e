using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StaffCloudSync.Tests.WorkerProcess.WebJobs;

/// <summary>
/// The WebJobs SDK's queue listener, the part of the Functions host that polls the app's queue: the queues
/// extension configured from host.json's <c>extensions.queues</c> on Azurite, listening for
/// <see cref="TenantSyncListenerFunction"/> only, with the <see cref="RecordingQueueProcessorFactory"/>.
/// </summary>
internal sealed class QueueListenerHost : IAsyncDisposable
{
    private readonly IHost host;

    private QueueListenerHost(IHost host, ListenerProbe probe, RecordingQueueProcessorFactory processors)
    {
        this.host = host;
        Probe = probe;
        Processors = processors;
    }

    public ListenerProbe Probe { get; }

    public RecordingQueueProcessorFactory Processors { get; }

    /// <summary>The options the SDK bound (from host.json's values), as its listener uses them.</summary>
    public QueuesOptions Options => host.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;

    /// <summary>Builds the host; <see cref="StartAsync"/> starts its listener.</summary>
    public static QueueListenerHost Create(string storageConnectionString)
    {
        var probe = new ListenerProbe();
        var processors = new RecordingQueueProcessorFactory();
        var host = new HostBuilder()
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>(HostJsonQueues.Configuration())
            {
                ["AzureWebJobsStorage"] = storageConnectionString,
            }))
            .ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues())
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services =>
            {
                // Index only this function (not every public type of the test assembly), created from the container.
                services.AddSingleton<ITypeLocator>(new SingleTypeLocator(typeof(TenantSyncListenerFunction)));
                services.AddSingleton(probe);
                services.AddSingleton<TenantSyncListenerFunction>();
                services.AddSingleton<IQueueProcessorFactory>(processors);
            })
            .Build();
        return new QueueListenerHost(host, probe, processors);
    }

    public Task StartAsync() => host.StartAsync();

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await host.StopAsync(stopping.Token);
        }

        host.Dispose();
    }

    private sealed class SingleTypeLocator(Type type) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [type];
    }
}
