using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Sandbox.Simulators;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>What the retries cannot fix ends the run: a Retry-After beyond the limit, a stalled body, an outage, refused connections, a lasting error on a write, an answer that is no record.</summary>
public sealed class MobieTrainClientRunEndingFaultTests
{
    private const string Account = MobieTrainHarness.Account;

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
        }, services => services.PostConfigure<MobieTrainOptions>(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            o.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(500);
        }));

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.Unavailable));
        await stop.CancelAsync();
        await server;
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
}
