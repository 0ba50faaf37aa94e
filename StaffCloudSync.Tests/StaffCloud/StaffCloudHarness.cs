using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>
/// The real <see cref="StaffCloudClient"/>, wired by <c>AddStaffCloudClient</c> and <c>AddSecretStore</c> as the app
/// wires it, talking over loopback HTTP to a <see cref="StaffCloudSimulator"/> with one API tenant "acme". Back-off
/// waits return at once (and are recorded), so no test sleeps through a retry.
/// </summary>
internal sealed class StaffCloudHarness : IAsyncDisposable
{
    public const string Token = "eyJhbGciOiJIUzI1NiJ9.canary-7d1e4f.signature";
    public const string SecretName = "staffcloud-token-acme";
    public const string SecretKey = "Secrets:Values:" + SecretName;

    private StaffCloudHarness(StaffCloudSimulator simulator, TimeProvider backoff)
    {
        Simulator = simulator;
        Backoff = backoff;
        Acme = simulator.AddTenant("acme", Token);
    }

    public StaffCloudSimulator Simulator { get; }

    public StaffCloudSimulatorTenant Acme { get; }

    public StaffCloudTarget Target { get; } = new("acme-tenant", "acme", SecretName);

    /// <summary>The clock retries and rate-limit pauses wait on.</summary>
    public TimeProvider Backoff { get; }

    public FakeLogCollector Logs { get; } = new();

    public IConfigurationRoot Configuration { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public IStaffCloudClient Client => Services.GetRequiredService<IStaffCloudClient>();

    public static async Task<StaffCloudHarness> StartAsync(
        Action<Dictionary<string, string?>>? settings = null,
        TimeProvider? backoff = null,
        Action<IServiceCollection>? services = null)
    {
        var simulator = new StaffCloudSimulator(TimeProvider.System);
        await simulator.StartAsync();
        var testbed = new StaffCloudHarness(simulator, backoff ?? new InstantTimeProvider());
        var values = new Dictionary<string, string?>
        {
            ["Secrets:Provider"] = "Configuration",
            [SecretKey] = Token,
            ["StaffCloud:BaseAddressOverride"] = simulator.BaseAddressTemplate,
            ["StaffCloud:AllowBaseAddressOverride"] = "true",
        };
        settings?.Invoke(values);
        testbed.Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        testbed.Services = BuildServices(testbed.Configuration, testbed.Logs, testbed.Backoff, services);
        testbed.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return testbed;
    }

    public static ServiceProvider BuildServices(
        IConfiguration configuration, FakeLogCollector? logs = null, TimeProvider? backoff = null, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(new FakeLoggerProvider(logs));
            }
        });
        services.AddSingleton(new BackoffClock(backoff ?? new InstantTimeProvider()));
        before?.Invoke(services);
        services.AddSecretStore(configuration);
        services.AddStaffCloudClient(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Changes the token in configuration, as an operator renewing it in the vault would.</summary>
    public void SetSecret(string value)
    {
        Configuration[SecretKey] = value;
        Configuration.Reload();
    }

    public async Task<List<StaffCloudEmployee>> EmployeesAsync(params long[] ids) =>
        await Client.GetEmployeesAsync(Target, ids, CancellationToken.None).ToListAsync();

    public async Task<List<StaffCloudEvent>> EventsAsync(DateTime afterLocal) =>
        await Client.GetActiveEventsAsync(Target, afterLocal, CancellationToken.None).ToListAsync();

    public async Task<List<StaffCloudAssignment>> AssignmentsAsync(params long[] eventIds) =>
        await Client.GetConfirmedAssignmentsAsync(Target, eventIds, CancellationToken.None).ToListAsync();

    public async Task<StaffCloudEmployee?> EmployeeAsync(long id) =>
        await Client.GetEmployeeAsync(Target, id, CancellationToken.None);

    /// <summary>Every text the logs hold, for checks that a token never reaches them.</summary>
    public string AllLogText() =>
        string.Join('\n', Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])}"));

    public static JsonObject Employee(long id, int status = 4) => new()
    {
        ["id"] = id,
        ["firstname"] = $"First{id}",
        ["lastname"] = $"Last{id}",
        ["email"] = $"person{id}@example.com",
        ["mobile"] = "+41 79 123 45 67",
        ["communication_language"] = "de",
        ["status"] = status,
    };

    public async ValueTask DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        await Simulator.DisposeAsync();
    }
}
