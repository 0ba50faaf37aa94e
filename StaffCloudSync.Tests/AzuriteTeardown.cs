using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Sandbox.Hosting;

namespace StaffCloudSync.Tests;

/// <summary>Runs once after every test of the assembly: no Azurite of ours outlives the test run.</summary>
[SetUpFixture]
public sealed class AzuriteTeardown
{
    [OneTimeTearDown]
    public void StopAzurite() => AzuriteHost.Stop();
}
