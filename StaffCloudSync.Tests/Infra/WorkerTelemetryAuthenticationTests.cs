using System.Reflection;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// infra/ turns off local authentication on Application Insights. The host honours
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>; this proves the worker does too (the worker's Application
/// Insights package reads it), so the sync's own log lines — the ones the alerts and the operators' queries
/// read — are sent with the identity instead of being refused.
/// </summary>
public class WorkerTelemetryAuthenticationTests
{
    [Test]
    public async Task TheWorkersTelemetry_AuthenticatesWithTheIdentity_WhenTheDeployedSettingAsks()
    {
        // The deployed value's shape (functionapp.bicep), with a stand-in client id.
        Assert.That(InfraAppSettings.Read()["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], Is.EqualTo("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]"));

        Assert.That(await HasCredentialAsync("ClientId=00000000-0000-0000-0000-0000000000c1;Authorization=AAD"), Is.True);
    }

    [Test]
    public async Task WithoutTheSetting_NoCredentialIsUsed_AsLocallyAgainstNoComponent()
    {
        Assert.That(await HasCredentialAsync(null), Is.False);
    }

    private static async Task<bool> HasCredentialAsync(string? authentication)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = authentication })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        // What Program.cs adds; the setting reaches the SDK through IConfiguration as the app setting does.
        services.AddWorkerTelemetry();

        // The worker's telemetry module is only asynchronously disposable.
        await using var provider = services.BuildServiceProvider();
        var telemetry = provider.GetRequiredService<TelemetryConfiguration>();

        // The SDK keeps the credential in an internal property; no public one tells whether it is set.
        var envelope = typeof(TelemetryConfiguration).GetProperty("CredentialEnvelope", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.That(envelope, Is.Not.Null, "TelemetryConfiguration.CredentialEnvelope is gone: find how this SDK version exposes its credential");
        return envelope!.GetValue(telemetry) is not null;
    }
}
