using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace StaffCloudSync.Tests.Infrastructure;

/// <summary>
/// The storage services as the app wires them (<see cref="CoreServices.AddTableStorage"/>),
/// pointed at Azurite with tables of their own so test classes never see each other's rows.
/// </summary>
internal sealed class StorageHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private StorageHarness(ServiceProvider provider, FakeTimeProvider time, FakeLogCollector logs)
    {
        this.provider = provider;
        Time = time;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>What the stores logged.</summary>
    public FakeLogCollector Logs { get; }

    public TenantStore Tenants => provider.GetRequiredService<TenantStore>();

    public RunStore Runs => provider.GetRequiredService<RunStore>();

    public StorageTables Tables => provider.GetRequiredService<StorageTables>();

    /// <summary>The Azurite connection string these stores use (for queue clients in the same account).</summary>
    public string ConnectionString { get; private init; } = string.Empty;

    public static async Task<StorageHarness> CreateAsync()
    {
        var connectionString = await AzuriteHost.EnsureStartedAsync();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connectionString,
                ["Storage:NamePrefix"] = "t" + suffix,
            })
            .Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero));
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        // Logging first: AddAzureClients registers a NullLoggerFactory unless an ILoggerFactory is already there.
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAzureClients(clients => clients.ConfigureDefaults(FailFast));
        services
            .AddSingleton<TimeProvider>(time)
            .AddTableStorage(configuration);
        return new StorageHarness(services.BuildServiceProvider(validateScopes: true), time, logs) { ConnectionString = connectionString };
    }

    /// <summary>A dead emulator fails a test in seconds instead of after the SDK's minute of retries.</summary>
    public static void FailFast(ClientOptions options)
    {
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
    }

    public async ValueTask DisposeAsync()
    {
        var service = provider.GetRequiredService<TableServiceClient>();
        await service.DeleteTableAsync(Tables.Tenants.Client.Name);
        await service.DeleteTableAsync(Tables.Runs.Client.Name);
        await service.DeleteTableAsync(Tables.Leases.Client.Name);
        await Tables.Documents.Client.DeleteIfExistsAsync();
        await provider.DisposeAsync();
    }
}
