using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>Transient failures are retried to success, with back-off on the instant clock so no test waits: 503s, 429s and their Retry-After, a hanging request, a dropped connection.</summary>
public sealed class MobieTrainClientRetryTests
{
    private const string Account = MobieTrainHarness.Account;

    [Test]
    public async Task Two503sThenSuccess_IsRetriedToSuccess()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "GET", Path = "/users", Status = 503, Times = 2 }]);

        var users = await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        Assert.That(users, Is.Empty);
        Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(3));
        Assert.That(context.Backoff.Waits, Has.Count.GreaterThanOrEqualTo(2), "waited between attempts, on the instant clock");
    }

    [Test]
    public async Task WriteAnswered503Twice_IsRetried_AndActsOnce()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/invitations", Status = 503, Times = 2 }]);

        await context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", "ana@example.com", null, "de", []), CancellationToken.None);

        Assert.That(context.Simulator.Requests.Writes, Is.EqualTo(3));
        Assert.That(context.Contents().Invitations, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A429_IsRetriedAfterTheRetryAfterItAsksFor()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "GET", Path = "/user-groups", Status = 429, RetryAfterSeconds = 7 }]);

        await context.Client.GetUserGroupsAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        Assert.That(context.Backoff.Waits, Does.Contain(TimeSpan.FromSeconds(7)));
        Assert.That(context.Simulator.Requests.Throttled, Is.EqualTo(1));
        Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(2));
    }

    [Test]
    public async Task SimulatorsOwnRateLimit_IsWaitedOutWithItsRetryAfter()
    {
        // The rate window moves on the simulator's clock; here every back-off the client takes moves that clock on.
        var clock = new FakeTimeProvider(MobieTrainHarness.Now);
        var backoff = new ClockAdvancingBackoff(clock);
        await using var context = await MobieTrainHarness.StartAsync(
            services: services => services.AddSingleton(new BackoffClock(backoff)).PostConfigure<MobieTrainOptions>(o => o.PageSize = 1),
            clock: clock);
        for (var i = 0; i < 3; i++)
        {
            context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = $"G{i}" });
        }

        context.Simulator.RateLimitPerSecond = 2;

        var groups = await context.Client.GetUserGroupsAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        Assert.That(groups, Has.Count.EqualTo(3));
        Assert.That(context.Served("GET", "/user-groups").Select(r => r.Status), Is.EqualTo(new[] { 200, 200, 429, 200 }));
        Assert.That(backoff.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }));
    }

    [Test]
    public async Task HangingRequest_HitsTheAttemptTimeout_AndIsRetried()
    {
        await using var context = await MobieTrainHarness.StartAsync(
            services: s => s.PostConfigure<MobieTrainOptions>(o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300)));
        context.Simulator.AddFaults([new SimulatorFault { Method = "GET", Path = "/invitations", Hang = true }]);

        var invitations = await context.Client.GetInvitationsAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        Assert.That(invitations, Is.Empty);
        Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(2));
    }

    [Test]
    public async Task DroppedConnection_IsRetried()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "A", LastName = "B" });
        context.Simulator.AddFaults([new SimulatorFault { Method = "PATCH", Path = $"/users/{user.Id}", Drop = true }]);

        await context.Client.UpdateUserAsync(MobieTrainHarness.Target(), user.Id, new PersonPatch(FirstName: "Al"), CancellationToken.None);

        Assert.That(context.Contents().Users.Single().FirstName, Is.EqualTo("Al"));
        Assert.That(context.Simulator.Requests.Writes, Is.GreaterThanOrEqualTo(2));
    }

    /// <summary>Back-off that takes no real time but moves the simulator's clock by what it waits.</summary>
    private sealed class ClockAdvancingBackoff(FakeTimeProvider clock) : TimeProvider
    {
        public List<TimeSpan> Waits { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return base.CreateTimer(callback, state, dueTime, period);
            }

            lock (Waits)
            {
                Waits.Add(dueTime);
            }

            clock.Advance(dueTime);
            return base.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
