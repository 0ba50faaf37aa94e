using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>
/// Every fault kind of the simulator against the real handler chain (rate-limit gate, shared retries and timeouts,
/// no redirects). Back-off waits are instant and recorded; only the hang test waits for a real 300 ms timeout.
/// </summary>
public sealed class StaffCloudClientResilienceTests
{
    private StaffCloudHarness _bed = null!;

    private InstantTimeProvider Waits => (InstantTimeProvider)_bed.Backoff;

    [SetUp]
    public async Task StartAsync()
    {
        _bed = await StaffCloudHarness.StartAsync();
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1), StaffCloudHarness.Employee(2)]);
    }

    [TearDown]
    public async Task StopAsync() => await _bed.DisposeAsync();

    [Test]
    public async Task Two503s_AreRetried_AndTheThirdAttemptSucceeds()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 503, Times = 2 }]);

        var employees = await _bed.EmployeesAsync(1, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Has.Count.EqualTo(2));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(3));
            Assert.That(_bed.Simulator.Requests.Faulted, Is.EqualTo(2));
            Assert.That(Waits.Waits, Has.Count.EqualTo(2), "two back-off waits, taken on the injected clock");

            // The 503s carry X-Rate-Limit-Reset (about 60 s) like every answer: that is not a wait for a 503.
            Assert.That(Waits.Waits, Is.All.LessThan(TimeSpan.FromSeconds(10)), "exponential back-off from 1 s");
        }
    }

    [Test]
    public async Task A429WithRetryAfter2_WaitsExactly2Seconds()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 429, RetryAfterSeconds = 2 }]);

        var employees = await _bed.EmployeesAsync(1, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Has.Count.EqualTo(2));
            Assert.That(Waits.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
            Assert.That(_bed.Simulator.Requests.Throttled, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Quota429_IsRetriedAfterXRateLimitReset()
    {
        await _bed.DisposeAsync();
        var clock = new AdvancingTimeProvider();
        _bed = await StaffCloudHarness.StartAsync(backoff: clock);
        _bed.Simulator.RateLimitClock = clock;
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        _bed.Acme.Quota = new StaffCloudQuota(1, TimeSpan.FromSeconds(30));

        // Someone else spends the window's only request; ours meets a 429 that carries no Retry-After.
        using (var other = new HttpClient())
        {
            using var spend = new HttpRequestMessage(HttpMethod.Get, new Uri(_bed.Simulator.ApiBaseFor("acme"), "events"));
            spend.Headers.Authorization = new("Bearer", StaffCloudHarness.Token);
            using var spent = await other.SendAsync(spend);
        }

        var employees = await _bed.EmployeesAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Has.Count.EqualTo(1));
            Assert.That(_bed.Simulator.Requests.Throttled, Is.EqualTo(1));
            Assert.That(clock.Waits.First(), Is.EqualTo(TimeSpan.FromSeconds(30)), "the wait X-Rate-Limit-Reset asked for");
        }
    }

    [Test]
    public async Task ExhaustedQuota_MakesTheNextRequestWaitForTheReset_InsteadOfMeetingA429()
    {
        await _bed.DisposeAsync();
        var clock = new AdvancingTimeProvider();
        _bed = await StaffCloudHarness.StartAsync(backoff: clock);
        _bed.Simulator.RateLimitClock = clock;
        _bed.Acme.Seed(StaffCloudResource.Employees, Enumerable.Range(1, 450).Select(i => StaffCloudHarness.Employee(i)));
        _bed.Acme.Quota = new StaffCloudQuota(2, TimeSpan.FromSeconds(10));

        var employees = await _bed.EmployeesAsync([.. Enumerable.Range(1, 450).Select(i => (long)i)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Has.Count.EqualTo(450));
            Assert.That(_bed.Simulator.Requests.Throttled, Is.Zero, "the gate waited instead");
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(3));
            Assert.That(clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(10) }));
        }
    }

    [Test]
    public async Task OneTenantsExhaustedQuota_DoesNotHoldBackAnotherTenantOnTheSameSimulator()
    {
        await _bed.DisposeAsync();
        var clock = new AdvancingTimeProvider();
        _bed = await StaffCloudHarness.StartAsync(s => s["Secrets:Values:staffcloud-token-beta"] = "eyJ.beta", backoff: clock);
        _bed.Simulator.RateLimitClock = clock;
        _bed.Acme.Quota = new StaffCloudQuota(1, TimeSpan.FromSeconds(10));
        _bed.Simulator.AddTenant("beta", "eyJ.beta").Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(7)]);

        await _bed.EmployeesAsync(1);
        var beta = await _bed.Client
            .GetEmployeesAsync(new("beta-tenant", "beta", "staffcloud-token-beta"), [7], CancellationToken.None).ToListAsync();
        var acmeWaitsBefore = clock.Waits.Count;
        await _bed.EmployeesAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(beta, Has.Count.EqualTo(1));
            Assert.That(acmeWaitsBefore, Is.Zero, "beta did not wait for acme's window");
            Assert.That(clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(10) }), "acme's next request did");
        }
    }

    [Test]
    public async Task HangingRequest_HitsTheAttemptTimeout_AndIsRetried()
    {
        await _bed.DisposeAsync();
        _bed = await StaffCloudHarness.StartAsync(services: s => s.PostConfigure<StaffCloudOptions>(o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300)));
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Hang = true }]);

        var employees = await _bed.EmployeesAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Has.Count.EqualTo(1));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task DroppedConnection_IsRetried()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Drop = true }]);

        var employees = await _bed.EmployeesAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Has.Count.EqualTo(1));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(2));
        }
    }

    [Test]
    public void Outage_IsUnavailable_AfterAtLeastThreeRetries()
    {
        _bed.Simulator.Outage = true;

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(error.Message, Does.StartWith("tenant 'acme-tenant': StaffCloud /employees answered 503 after retries"));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(5), "1 attempt + the default 4 retries");
            Assert.That(_bed.Simulator.Requests.Reads, Is.GreaterThanOrEqualTo(4));
        }
    }

    [Test]
    public void ConnectionsDroppedEveryTime_AreUnavailable()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Drop = true, Times = 100 }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
        Assert.That(error.Message, Does.Contain("could not be reached or broke off the answer"));
    }

    [Test]
    public void RetryAfterLongerThanTheRunMayWait_IsUnavailableAtOnce()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 429, RetryAfterSeconds = 3600 }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
            Assert.That(error.Message, Does.Contain("answered 429 after retries").And.Contain("it asked to wait 3600 s"));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Redirect_IsNotFollowed_AndIsAnInvalidResponse()
    {
        await using var elsewhere = new StaffCloudSimulator(TimeProvider.System);
        await elsewhere.StartAsync();
        elsewhere.AddTenant("acme", StaffCloudHarness.Token).Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        _bed.Simulator.RedirectLocation = new Uri(elsewhere.ApiBaseFor("acme"), "employees?id=1");
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 302 }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
            Assert.That(error.Message, Does.StartWith("tenant 'acme-tenant': StaffCloud /employees answered 302, a redirect to host '127.0.0.1', which is not followed"));
            Assert.That(elsewhere.Requests.Reads, Is.Zero, "the token never reached the other host");
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(1), "a redirect is not retried either");
        }
    }

    [Test]
    public void CancellationByTheCaller_StaysACancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await _bed.Client.GetEmployeesAsync(_bed.Target, [1], cancelled.Token).ToListAsync(),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
