using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Notifications;

/// <summary>
/// The notification receiver as the app wires it: tables on Azurite, secrets in the configuration store, the scenario
/// clock (set by the test), and the sandbox's queue, which keeps each message with the time it becomes visible.
/// </summary>
internal sealed class NotificationHarness : IAsyncDisposable
{
    private NotificationHarness(SandboxEnvironment environment, SandboxTenant tenant, FakeLogCollector logs)
    {
        Environment = environment;
        Tenant = tenant;
        Logs = logs;
    }

    public SandboxEnvironment Environment { get; }

    public SandboxTenant Tenant { get; }

    /// <summary>The right secret of tenant acme.</summary>
    public string Secret => Tenant.WebhookSecret;

    public FakeLogCollector Logs { get; }

    public ScenarioSyncQueue Queue => Environment.Services.GetRequiredService<ScenarioSyncQueue>();

    public NotificationReceiver Receiver => Environment.Services.GetRequiredService<NotificationReceiver>();

    public EarlyRunSchedule Schedule => Environment.Services.GetRequiredService<EarlyRunSchedule>();

    public EarlyRuns EarlyRuns => Environment.Services.GetRequiredService<EarlyRuns>();

    public static async Task<NotificationHarness> StartAsync(
        TenantSettings? settings = null, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? appSettings = null,
        bool notifications = true)
    {
        var logs = new FakeLogCollector();
        // Registered (Notifications = true) unless a test says otherwise: the receiver reads nothing else's secret.
        var tenant = new SandboxTenant((settings ?? Plans.DefaultTenant()) with { Notifications = notifications });
        var environment = await TestSandbox.StartAsync([tenant], services =>
        {
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
            services.TryAddSingleton(provider => new ScenarioSyncQueue(provider.GetRequiredService<TimeProvider>()));
            services.Replace(ServiceDescriptor.Singleton<ISyncQueue>(provider => provider.GetRequiredService<ScenarioSyncQueue>()));
            configureServices?.Invoke(services);
        }, appSettings);
        return new NotificationHarness(environment, tenant, logs);
    }

    /// <summary>A notification at <paramref name="at"/> with a JSON body naming the event.</summary>
    public Task<NotificationResult> NotifyAsync(DateTimeOffset at, string? secret = null, string tenantId = "acme", string body = """{"trigger":{"event":"assignment.status_changed"}}""")
    {
        Environment.Clock.Set(at);
        return NotifyRawAsync(tenantId, secret ?? Secret, Encoding.UTF8.GetBytes(body));
    }

    public async Task<NotificationResult> NotifyRawAsync(string? tenantId, string? secret, byte[] body)
    {
        using var stream = new MemoryStream(body);
        return await Receiver.ReceiveAsync(tenantId, secret, stream, CancellationToken.None);
    }

    /// <summary>The queue trigger taking up a queued early run at <paramref name="at"/>: what the observers are told.</summary>
    public async Task StartRunAsync(QueuedRun run, DateTimeOffset at)
    {
        Environment.Clock.Set(at);
        await EarlyRuns.RunStartingAsync(run.Message, CancellationToken.None);
    }

    /// <summary>Every log line, with its structured values: what must never hold a body or a secret.</summary>
    public string AllLogText() => string.Join("\n", Logs.GetSnapshot().Select(r =>
        $"{r.Id.Id} {r.Level} {r.Message} {string.Join(" ", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])} {r.Exception}"));

    public IEnumerable<int> LoggedEventIds() => Logs.GetSnapshot().Select(r => r.Id.Id);

    public ValueTask DisposeAsync() => Environment.DisposeAsync();
}
