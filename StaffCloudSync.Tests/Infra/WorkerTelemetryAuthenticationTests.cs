using Azure.Identity;
using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// infra/ turns off local authentication on Application Insights. The host honours
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>; the Azure Monitor exporter does not read it, so the worker turns it
/// into the exporter's credential — else the sync's telemetry (the metrics the alerts read) would be refused.
/// </summary>
public class WorkerTelemetryAuthenticationTests
{
    [Test]
    public void TheWorkersExporter_AuthenticatesWithTheIdentity_WhenTheDeployedSettingAsks()
    {
        // The deployed value's shape (functionapp.bicep), with a stand-in client id.
        Assert.That(InfraAppSettings.Read()[TelemetryServiceCollectionExtensions.AuthenticationSetting],
            Is.EqualTo("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]"));

        Assert.That(TelemetryServiceCollectionExtensions.ExporterCredential("ClientId=00000000-0000-0000-0000-0000000000c1;Authorization=AAD"),
            Is.InstanceOf<ManagedIdentityCredential>());
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("ClientId=00000000-0000-0000-0000-0000000000c1")]
    public void WithoutTheSetting_NoCredentialIsUsed_AsLocallyAgainstNoComponent(string? authentication)
    {
        Assert.That(TelemetryServiceCollectionExtensions.ExporterCredential(authentication), Is.Null);
    }
}
