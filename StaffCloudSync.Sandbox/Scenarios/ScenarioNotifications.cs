using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Sandbox.Hosting;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>Notifications and the runs they make due (scenario-format.md, <c>notify</c>, <c>advance</c>), run as the queue trigger does.</summary>
internal static class ScenarioNotifications
{
    public static Action<IServiceCollection> WithScenarioQueue(Action<IServiceCollection>? configureServices) => services =>
    {
        services.TryAddSingleton(provider => new ScenarioSyncQueue(provider.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<ISyncQueue>(provider => provider.GetRequiredService<ScenarioSyncQueue>()));
        configureServices?.Invoke(services);
    };

    // The runs that came due before the step's time, in order.
    public static async Task<IReadOnlyList<ScenarioRun>> RunStepAsync(SandboxEnvironment environment, TenantSettings tenant, ScenarioStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case AdvanceStep advance:
                var due = await RunDueAsync(environment, advance.To, cancellationToken);
                environment.Clock.Set(advance.To);
                return due;
            case NotifyStep notify:
                var at = notify.At ?? environment.Clock.GetUtcNow();
                var runs = await RunDueAsync(environment, at, cancellationToken);
                environment.Clock.Set(at);
                if (notify.Change is { } change)
                    ScenarioRunner.Change(environment.StaffCloud.Tenant(tenant.StaffCloudApiTenant), change);

                await NotifyAsync(environment, tenant, notify, cancellationToken);
                return runs;
            default:
                throw new ArgumentException($"not a notification step: {step?.GetType().Name}", nameof(step));
        }
    }

    public static async Task<List<ScenarioRun>> RunDueAsync(SandboxEnvironment environment, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var queue = environment.Services.GetRequiredService<ScenarioSyncQueue>();
        var observers = environment.Services.GetServices<IQueuedRunObserver>().ToList();
        var runs = new List<ScenarioRun>();
        while (queue.TakeNextDue(until) is { } due)
        {
            var message = due.Message;

            // No concurrent run can hold a lease in a scenario; the rest is what the run owner does with a queued message.
            environment.Clock.Set(due.VisibleAt);
            foreach (var observer in observers)
                await observer.RunStartingAsync(message, cancellationToken);

            runs.AddRange(await ScenarioRunner.SyncAsync(environment, message.TenantId, new SyncStep(due.VisibleAt, message.DryRun, null), cancellationToken, message));
        }

        return runs;
    }

    private static async Task<NotificationResult> NotifyAsync(SandboxEnvironment environment, TenantSettings tenant, NotifyStep notify, CancellationToken cancellationToken)
    {
        var secret = notify.Secret ?? await environment.Services.GetRequiredService<ISecretStore>().GetSecretAsync(tenant.EffectiveWebhookSecret, cancellationToken);

        // The payload's shape is StaffCloud's and not documented; the receiver reads no more of it than an event name.
        var body = new JsonObject { ["trigger"] = new JsonObject { ["event"] = notify.Event } }.ToJsonString();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return await environment.Services.GetRequiredService<NotificationReceiver>().ReceiveAsync(tenant.TenantId, secret, stream, cancellationToken);
    }
}
