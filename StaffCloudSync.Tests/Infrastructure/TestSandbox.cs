using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Infrastructure;

/// <summary>
/// The sandbox environment as tests use it: the shared Azurite with tables of the test's own, back-off waits
/// skipped, the scenario clock at <see cref="Plans.Now"/> unless told otherwise.
/// </summary>
internal static class TestSandbox
{
    public static async Task<SandboxEnvironment> StartAsync(
        IReadOnlyCollection<SandboxTenant> tenants,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        DateTimeOffset? now = null)
    {
        var values = UniqueTables();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return await SandboxEnvironment.StartAsync(await AzuriteHost.EnsureStartedAsync(), new ScenarioClock(now ?? Plans.Now), tenants,
            services =>
            {
                services.AddSingleton(new BackoffClock(new InstantTimeProvider()));
                configureServices?.Invoke(services);
            },
            values);
    }

    /// <summary>A table and container name prefix no other test uses, so tests on the shared Azurite never see each other's rows.</summary>
    public static Dictionary<string, string?> UniqueTables(string separator = ":")
    {
        return new Dictionary<string, string?> { [$"Storage{separator}NamePrefix"] = "t" + Guid.NewGuid().ToString("N")[..12] };
    }
}
