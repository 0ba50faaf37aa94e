using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Scheduling.Notifications.Registration;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>
/// The token's re-read, done once for every StaffCloud client by the pipeline's bearer-secret handler: after a token
/// refused as malformed (a 400 whose body says so, read and kept for the error) and on the webhook client, which had
/// no re-read of its own before. Over loopback to the simulator, with a caching store as Key Vault's.
/// </summary>
public sealed class StaffCloudTokenRotationTests
{
    private StaffCloudHarness _bed = null!;
    private CachingSecretStore? _store;

    [SetUp]
    public async Task StartAsync()
    {
        _bed = await StaffCloudHarness.StartAsync(services: s => s
            .AddSingleton<ISecretStore>(sp => _store = new CachingSecretStore(sp.GetRequiredService<ConfigurationSecretStore>()))
            .AddStaffCloudWebhookRegistration());
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
    }

    [TearDown]
    public async Task StopAsync() => await _bed.DisposeAsync();

    [Test]
    public async Task MalformedCachedToken_IsReread_AndTheRenewedOneReads()
    {
        _bed.SetSecret("pasted-the-wrong-thing-4c2a");
        Assert.That(async () => await _bed.EmployeesAsync(1), Throws.Exception, "the malformed token is now cached");
        _bed.SetSecret(StaffCloudHarness.Token);

        var employees = await _bed.EmployeesAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees.Select(e => e.Id), Is.EqualTo(new long[] { 1 }));
            Assert.That(_bed.Simulator.RequestLog.Select(r => r.Status), Is.EqualTo(new[] { 400, 400, 200 }),
                "the first read is refused and not re-sent (the re-read gave the same token); the second is re-sent once with the renewed one");
            Assert.That(_store!.Invalidations, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task WebhookClient_RereadsARotatedToken_AfterA401()
    {
        var webhooks = _bed.Services.GetRequiredService<StaffCloudWebhookClient>();
        await webhooks.ListAsync(_bed.Target, CancellationToken.None); // the old token is cached now

        const string rotated = "eyJ.rotated-token-5e2f";
        _bed.Acme.Token = rotated;
        _bed.SetSecret(rotated);
        var listed = await webhooks.ListAsync(_bed.Target, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed, Is.Empty);
            Assert.That(_bed.Simulator.RequestLog.Select(r => r.Status), Is.EqualTo(new[] { 200, 401, 200 }));
            Assert.That(_store!.Invalidations, Is.EqualTo(1));
            Assert.That(_bed.AllLogText(), Does.Not.Contain(rotated).And.Not.Contain(StaffCloudHarness.Token));
        }
    }
}
