using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>
/// The real <see cref="MobieTrainClient"/>, built as the app builds it (<c>AddSecretStore</c> + <c>AddMobieTrainClient</c>
/// from configuration), talking over loopback HTTP to a <see cref="MobieTrainSimulator"/>. Back-off waits on an
/// <see cref="InstantTimeProvider"/>, so retries cost no time and their waits can be read back.
/// </summary>
internal sealed class MobieTrainHarness : IAsyncDisposable
{
    public const string Tenant = "acme";
    public const string Account = "acme-account";
    public const string OtherAccount = "other-account";
    public const string SecretName = "mobietrain-api-key";
    public const string ApiKey = "mt-key-canary-5c1d2e";
    public const string RunId = "run-1";

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private MobieTrainHarness(MobieTrainSimulator simulator, FakeTimeProvider clock, InstantTimeProvider backoff, ServiceProvider services,
        FakeLogCollector logs)
    {
        Simulator = simulator;
        Clock = clock;
        Backoff = backoff;
        Services = services;
        Logs = logs;
    }

    public MobieTrainSimulator Simulator { get; }

    /// <summary>The simulator's clock ("now" for created records, timestamps for its rate limit).</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The retry waits the client asked for.</summary>
    public InstantTimeProvider Backoff { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    public IMobieTrainClient Client => Services.GetRequiredService<IMobieTrainClient>();

    public MobieTrainOptions Options => Services.GetRequiredService<IOptions<MobieTrainOptions>>().Value;

    public static MobieTrainWriteTarget Target(string runId = RunId, string account = Account) => new(Tenant, account, SecretName, runId);

    /// <summary>
    /// A started simulator with <see cref="Account"/> and <see cref="OtherAccount"/>, <see cref="ApiKey"/> reaching only
    /// the first, and a client configured for it. <paramref name="settings"/> adds or overrides configuration;
    /// <paramref name="services"/> registers before the app's registrations (which only try-add); <paramref name="clock"/>
    /// is the simulator's clock (a new one at <see cref="Now"/> by default).
    /// </summary>
    public static async Task<MobieTrainHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Now);
        var simulator = new MobieTrainSimulator(clock);
        simulator.AddAccount(Account);
        simulator.AddAccount(OtherAccount);
        simulator.AddApiKey(ApiKey, Account);
        await simulator.StartAsync();

        var values = new Dictionary<string, string?>
        {
            ["MobieTrain:BaseUrl"] = simulator.BaseAddress.ToString(),

            // These tests are about answers and retries; pacing has its own tests (MobieTrainPacerTests).
            ["MobieTrain:RequestsPerSecond"] = "0",
            ["Secrets:Provider"] = "Configuration",
            [$"Secrets:Values:{SecretName}"] = ApiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new FakeLogCollector();
        var backoff = new InstantTimeProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        collection.AddSingleton(new BackoffClock(backoff));
        services?.Invoke(collection);
        collection.AddSecretStore(configuration);
        collection.AddMobieTrainClient(configuration);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new MobieTrainHarness(simulator, clock, backoff, provider, logs);
    }

    /// <summary>Requests of one method whose path ends with <paramref name="pathEnd"/>, as the simulator served them.</summary>
    public IReadOnlyList<MobieTrainServedRequest> Served(string method, string pathEnd) =>
        [.. Simulator.ServedRequests.Where(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal))];

    public MobieTrainContents Contents(string account = Account) => Simulator.GetContents(account);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
