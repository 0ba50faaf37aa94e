using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Dispatch;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Quarantine;

/// <summary>A tenant whose runs keep failing for a reason a retry cannot fix, through runs, dispatches and the store.</summary>
[NonParallelizable]
public class QuarantineTests
{
    [Test]
    public async Task RepeatedAuthenticationFailures_Quarantine_ScheduleTriesOnceADay_SuccessLiftsIt()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        var sync = dispatch.Sync;
        sync.Seed(new Plans().Eligible(1));
        sync.StaffCloud.Failure = new SyncRunException("acme", SyncFailureKind.Authentication, "tenant 'acme': StaffCloud rejected the token (401)");

        for (var i = 0; i < 3; i++)
        {
            await sync.RunAsync();
            sync.Storage.Time.Advance(TimeSpan.FromHours(12));
        }

        var tenant = await sync.Tenants.GetAsync("acme", CancellationToken.None);
        Assert.That(tenant!.Health.IsQuarantined, Is.True);
        Assert.That(tenant.Health.QuarantineReason, Does.Contain("rejected the token"));
        var alert = sync.Logs.GetSnapshot().Single(r => r.Id.Id == 1011);
        Assert.That(alert.Message, Does.StartWith("TenantQuarantined: tenant acme"));

        // Quarantined at the third failure; the clock is now 12 h later.
        var halfADayLater = await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);
        sync.Storage.Time.Advance(TimeSpan.FromHours(12));
        var aDayLater = await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);
        sync.Storage.Time.Advance(TimeSpan.FromHours(12));
        var sameDayAgain = await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);
        sync.Storage.Time.Advance(TimeSpan.FromHours(12));
        sync.StaffCloud.Failure = null;
        var nextDay = await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);

        Assert.That(halfADayLater.Queued, Is.Empty);
        Assert.That(halfADayLater.QuarantinedWaiting, Is.EqualTo(new[] { "acme" }));
        Assert.That(aDayLater.Queued, Is.EqualTo(new[] { "acme" }), "tried once a day");
        Assert.That(sameDayAgain.Queued, Is.Empty);
        Assert.That(nextDay.Queued, Is.EqualTo(new[] { "acme" }));

        var recovered = await sync.RunAsync();
        Assert.That(recovered.Record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.Health.IsQuarantined, Is.False, "lifted by itself");
        Assert.That(sync.Logs.GetSnapshot().Any(r => r.Id.Id == 1012), Is.True);
    }

    [Test]
    public async Task TransientFailures_NeverQuarantine()
    {
        await using var sync = await Engine.SyncHarness.CreateAsync();
        sync.StaffCloud.Failure = new HttpRequestException("connection refused");

        for (var i = 0; i < 5; i++)
        {
            await sync.RunAsync();
        }

        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.Health.ConsecutiveFailures, Is.Zero);
    }

    [Test]
    public async Task Operator_ClearsAQuarantine()
    {
        await using var sync = await Engine.SyncHarness.CreateAsync();
        sync.StaffCloud.Failure = new Core.Platform.Secrets.SecretNotFoundException("staffcloud-token-acme");
        for (var i = 0; i < 3; i++)
        {
            await sync.RunAsync();
        }

        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.Health.IsQuarantined, Is.True);

        await sync.Tenants.UpdateHealthAsync("acme", _ => Core.Tenants.TenantHealth.Healthy, CancellationToken.None);

        var tenant = await sync.Tenants.GetAsync("acme", CancellationToken.None);
        Assert.That(tenant!.Health.IsQuarantined, Is.False);
        Assert.That(tenant.Settings, Is.Not.Null, "the settings are untouched");
    }
}
