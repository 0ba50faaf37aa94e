using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Dispatch;

/// <summary>sync-rules.md, "Schedule and fan-out": the lease is renewed while a run is active, and must outlive the Functions timeout.</summary>
public class LeaseRenewalTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(35);

    [Test]
    public async Task AnActiveRunKeepsItsLease_PastItsFirstExpiry()
    {
        await using var storage = await StorageHarness.CreateAsync();
        var leases = new SignallingLeases(new TableTenantLeases(storage.Tables, storage.Time));
        var keeper = new TenantLeaseKeeper(leases, storage.Time, new FakeLogger<TenantLeaseKeeper>());
        Assert.That((await leases.TryAcquireAsync("acme", "long-run", Duration, CancellationToken.None)).Acquired, Is.True);

        await using (keeper.Keep("acme", "long-run", Duration))
        {
            // Three renewal periods of 35/3 minutes: the lease would have lapsed after the first 35 minutes without them.
            for (var renewal = 1; renewal <= 4; renewal++)
            {
                storage.Time.Advance(Duration / 3);
                Assert.That(await leases.Renewed.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, $"renewal {renewal}");
            }

            var other = await leases.TryAcquireAsync("acme", "scheduled-run", Duration, CancellationToken.None);
            Assert.That(other.Acquired, Is.False, "a scheduled run may not start beside the long one");
            Assert.That(other.HeldByRunId, Is.EqualTo("long-run"));
            Assert.That(other.HeldUntil, Is.EqualTo(storage.Time.GetUtcNow() + Duration));
        }

        // Once the run is over nothing renews it: it lapses one lease duration later.
        storage.Time.Advance(Duration + TimeSpan.FromSeconds(1));
        Assert.That((await leases.TryAcquireAsync("acme", "scheduled-run", Duration, CancellationToken.None)).Acquired, Is.True);
    }

    [Test]
    public async Task ALostLeaseIsNotTakenBackByRenewing()
    {
        await using var storage = await StorageHarness.CreateAsync();
        var leases = new TableTenantLeases(storage.Tables, storage.Time);
        await leases.TryAcquireAsync("acme", "slow-run", Duration, CancellationToken.None);
        storage.Time.Advance(Duration + TimeSpan.FromSeconds(1));
        await leases.TryAcquireAsync("acme", "next-run", Duration, CancellationToken.None);

        Assert.That(await leases.RenewAsync("acme", "slow-run", Duration, CancellationToken.None), Is.False);
        Assert.That((await leases.TryAcquireAsync("acme", "third-run", Duration, CancellationToken.None)).HeldByRunId, Is.EqualTo("next-run"));
    }

    [TestCase("00:30:00", false)]
    [TestCase("00:20:00", false)]
    [TestCase("00:30:01", true)]
    [TestCase("00:35:00", true)]
    public void LeaseDuration_MustExceedTheFunctionsTimeout(string lease, bool valid)
    {
        var result = new DispatchOptionsValidator().Validate(null, new DispatchOptions { LeaseDuration = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.That(result.Succeeded, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.FailureMessage, Does.Contain("Dispatch:LeaseDuration").And.Contain("functionTimeout"));
        }
    }

    [Test]
    public void TheAppRefusesToStartWithALeaseShorterThanTheFunctionsTimeout()
    {
        var services = new ServiceCollection();
        services.AddOptions<DispatchOptions>().Configure(o => o.LeaseDuration = TimeSpan.FromMinutes(10));
        services.AddSingleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<DispatchOptions>>().Value);
        Assert.That(ex!.Message, Does.Contain("Dispatch:LeaseDuration"));
    }

    /// <summary>The real leases, telling the test each time a renewal has gone through.</summary>
    private sealed class SignallingLeases(ITenantLeases inner) : ITenantLeases
    {
        public SemaphoreSlim Renewed { get; } = new(0);

        public Task<LeaseResult> TryAcquireAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.TryAcquireAsync(tenantId, runId, duration, cancellationToken);

        public async Task<bool> RenewAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken)
        {
            var renewed = await inner.RenewAsync(tenantId, runId, duration, cancellationToken);
            Renewed.Release();
            return renewed;
        }

        public Task<bool> HandOverAsync(string tenantId, string fromRunId, string toRunId, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.HandOverAsync(tenantId, fromRunId, toRunId, duration, cancellationToken);

        public Task ReleaseAsync(string tenantId, string runId, CancellationToken cancellationToken) => inner.ReleaseAsync(tenantId, runId, cancellationToken);
    }
}
