using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Failures;
using StaffCloudSync.Core.Http;
using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.MobieTrain.Http;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>
/// Transient failures are retried (back-off on the instant clock, so no test waits), writes safely so: a response lost
/// after MobieTrain acted never leads to a second invitation or group. What the retries cannot fix ends the run.
/// </summary>
public sealed class MobieTrainClientFaultTests
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
            new Dictionary<string, string?> { ["MobieTrain:PageSize"] = "1" },
            services => services.AddSingleton(new BackoffClock(backoff)),
            clock);
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
    public async Task RetryAfterBeyondTheLimit_IsNotWaitedFor_AndEndsTheRunAsUnavailable()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "GET", Path = "/users", Status = 429, RetryAfterSeconds = 3600 }]);

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
        Assert.That(failure.Message, Does.Contain("429").And.Contain("Retry-After 3600 s"));
        Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(1));
    }

    [Test]
    public async Task HangingRequest_HitsTheAttemptTimeout_AndIsRetried()
    {
        await using var context = await MobieTrainHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MobieTrain:Resilience:AttemptTimeout"] = "00:00:00.300",
        });
        context.Simulator.AddFaults([new SimulatorFault { Method = "GET", Path = "/invitations", Hang = true }]);

        var invitations = await context.Client.GetInvitationsAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        Assert.That(invitations, Is.Empty);
        Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(2));
    }

    [Test]
    public async Task BodyThatStallsAfterItsHeaders_EndsWithinTheTotalTimeout()
    {
        // A server the simulator cannot imitate: headers promise 1,000 bytes, then nothing comes.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var server = StallAfterHeadersAsync(listener, stop.Token);
        await using var context = await MobieTrainHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MobieTrain:BaseUrl"] = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/",
            ["MobieTrain:Resilience:AttemptTimeout"] = "00:00:00.100",
            ["MobieTrain:Resilience:TotalTimeout"] = "00:00:00.500",
        });

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
        await stop.CancelAsync();
        await server;
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

    [Test]
    public async Task Outage_EndsTheRunAsUnavailable_AfterAtLeastThreeRetries()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.Outage = true;

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
            Assert.That(failure.IsTransient, Is.True);
            Assert.That(failure.Message, Does.Contain("503").And.Contain(MobieTrainHarness.Tenant).And.Contain(Account));
            Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(1 + context.Options.Resilience.MaxRetries));
            Assert.That(context.Options.Resilience.MaxRetries, Is.GreaterThanOrEqualTo(3));
        }
    }

    [Test]
    public async Task WriteDuringAnOutage_EndsTheRun_NotTheRecord()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.OutageAfterWrites(0);

        var failure = Assert.ThrowsAsync<SyncRunException>(() =>
            context.Client.DeleteInvitationAsync(MobieTrainHarness.Target(), "inv-1", CancellationToken.None));

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
        Assert.That(context.Simulator.Requests.Writes, Is.EqualTo(1 + context.Options.Resilience.MaxRetries));
    }

    [Test]
    public async Task ConnectionsRefusedAfterTheRetries_EndTheRunAsUnavailable()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        await context.Simulator.DisposeAsync();

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
        Assert.That(failure.Message, Does.Contain("did not answer"));
    }

    [TestCase(true, TestName = "Lost invitation response: the retry is replayed by its idempotency key")]
    [TestCase(false, TestName = "Lost invitation response: without key replay the 409 is resolved to our invitation")]
    public async Task ResponseLostAfterAnInvitationWasCreated_MakesNoSecondInvitation(bool honourKeys)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.HonourIdempotencyKeys = honourKeys;
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/invitations", Status = 503, Commit = true }]);

        var invitation = await context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", "ana@example.com", null, "de", []), CancellationToken.None);

        var stored = context.Contents().Invitations;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Has.Count.EqualTo(1), "exactly one invitation (one e-mail) exists");
            Assert.That(invitation.Id, Is.EqualTo(stored[0].Id));
            Assert.That(context.Served("POST", "/invitations").Select(r => (r.Status, r.Replayed)),
                Is.EqualTo(honourKeys ? new[] { (201, false), (201, true) } : new[] { (201, false), (409, false) }));
        }
    }

    [TestCase(true, TestName = "Lost group response: the retry is replayed by its idempotency key")]
    [TestCase(false, TestName = "Lost group response: without key replay the 409 is resolved to our group")]
    public async Task ResponseLostAfterAGroupWasCreated_MakesNoSecondGroup(bool honourKeys)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.HonourIdempotencyKeys = honourKeys;
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/user-groups", Status = 502, Commit = true }]);

        var group = await context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "Fair", "staffcloud-event-10", CancellationToken.None);

        var stored = context.Contents().UserGroups;
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(group.Id, Is.EqualTo(stored[0].Id));
    }

    [Test]
    public async Task ResponseLostAfterADelete_CountsAsDone()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.HonourIdempotencyKeys = false;
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "A", LastName = "B" });
        context.Simulator.AddFaults([new SimulatorFault { Method = "DELETE", Path = $"/users/{user.Id}", Status = 503, Commit = true }]);

        await context.Client.DeleteUserAsync(MobieTrainHarness.Target(), user.Id, CancellationToken.None);

        Assert.That(context.Contents().Users, Is.Empty);
        Assert.That(context.Served("DELETE", user.Id).Select(r => r.Status), Is.EqualTo(new[] { 204, 404 }));
    }

    [Test]
    public async Task SameWriteInTheSameRun_IsReplayed_AndDoesNotActTwice()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "Ana", LastName = "B" });
        var patch = new PersonPatch(FirstName: "Anna");

        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-1"), user.Id, patch, CancellationToken.None);
        context.Simulator.UpsertUser(Account, new MobieTrainUserEdit { ExternalId = "1", FirstName = "Edited by hand" });
        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-1"), user.Id, patch, CancellationToken.None);

        Assert.That(context.Contents().Users.Single().FirstName, Is.EqualTo("Edited by hand"), "the repeat was answered, not acted on");
        Assert.That(context.Simulator.Replays, Is.EqualTo(1));

        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-2"), user.Id, patch, CancellationToken.None);

        Assert.That(context.Contents().Users.Single().FirstName, Is.EqualTo("Anna"), "a later run's same change is a new intent");
    }

    [Test]
    public async Task WriteWithoutAnIdempotencyKey_IsNotRetried_OneWithAKeyIs()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/user-groups", Status = 503, Times = 2 }]);
        var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(MobieTrainServiceCollectionExtensions.HttpClientName);
        HttpRequestMessage Post(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"v1/accounts/{Account}/user-groups")
            {
                Content = new StringContent("""{"name":"Fair","externalId":"staffcloud-event-10"}""", Encoding.UTF8, "application/json"),
            };
            request.Options.Set(BearerSecretHandler.SecretName, MobieTrainHarness.SecretName);
            if (key is not null)
            {
                request.Headers.Add(IdempotencyKey.HeaderName, key);
            }

            return request;
        }

        using var withoutKey = await http.SendAsync(Post(null));
        var writesWithoutKey = context.Simulator.Requests.Writes;
        using var withKey = await http.SendAsync(Post("key-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withoutKey.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(writesWithoutKey, Is.EqualTo(1), "a write without a key is sent once: a retry might act twice");
            Assert.That(withKey.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(context.Simulator.Requests.Writes - writesWithoutKey, Is.EqualTo(2));
        }
    }

    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task LastingTransientErrorOnAWrite_EndsTheRun_NotTheRecord(int status)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "PATCH", Path = "/users/u-1", Status = status, Times = 100 }]);

        var failure = Assert.ThrowsAsync<SyncRunException>(() =>
            context.Client.UpdateUserAsync(MobieTrainHarness.Target(), "u-1", new PersonPatch(FirstName: "A"), CancellationToken.None));

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
        Assert.That(context.Simulator.Requests.Writes, Is.EqualTo(1 + context.Options.Resilience.MaxRetries));
    }

    [Test]
    public async Task CreateAnsweredWithSomethingThatIsNotARecord_IsInvalidResponse()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/user-groups", Status = 201, Body = "OK" }]);

        var failure = Assert.ThrowsAsync<SyncRunException>(() =>
            context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "G", "staffcloud-event-1", CancellationToken.None));

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
    }

    private static async Task StallAfterHeadersAsync(TcpListener listener, CancellationToken stop)
    {
        var connections = new List<TcpClient>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var connection = await listener.AcceptTcpClientAsync(stop);
                connections.Add(connection);
                var stream = connection.GetStream();
                var buffer = new byte[8192];
                _ = await stream.ReadAsync(buffer, stop);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"items\": ["), stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
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
