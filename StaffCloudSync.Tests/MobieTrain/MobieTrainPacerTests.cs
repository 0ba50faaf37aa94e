using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.MobieTrain.Http;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>
/// The client paces each MobieTrain account's requests evenly under the configured rate. The rate limiter waits in real
/// time, so these tests use 10 per second (100 ms apart) and check only lower bounds, which a slow machine cannot break.
/// </summary>
public class MobieTrainPacerTests
{
    [Test]
    public async Task Requests_AreSpacedEvenly_PerAccount()
    {
        using var pacer = Pacer(10);
        var stopwatch = Stopwatch.StartNew();

        var first = pacer.WaitTurnAsync("acme", CancellationToken.None).AsTask();
        var second = pacer.WaitTurnAsync("acme", CancellationToken.None).AsTask();
        var third = pacer.WaitTurnAsync("acme", CancellationToken.None).AsTask();
        var otherAccount = pacer.WaitTurnAsync("beta", CancellationToken.None).AsTask();

        Assert.That(first.IsCompleted, Is.True, "the first request goes at once");
        Assert.That(otherAccount.IsCompleted, Is.True, "another account has its own pace");
        Assert.That(second.IsCompleted, Is.False);
        using (await second)
        {
            Assert.That(third.IsCompleted, Is.False, "one at a time");
        }

        using (await third)
        {
            Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150)), "two intervals of 100 ms, give or take a timer tick");
        }
    }

    [Test]
    public async Task AfterAQuietSpell_TheNextRequestGoesAtOnce_WithoutABurst()
    {
        using var pacer = Pacer(10);
        (await pacer.WaitTurnAsync("acme", CancellationToken.None)).Dispose();
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        var next = pacer.WaitTurnAsync("acme", CancellationToken.None).AsTask();
        var after = pacer.WaitTurnAsync("acme", CancellationToken.None).AsTask();

        Assert.That(next.IsCompleted, Is.True);
        Assert.That(after.IsCompleted, Is.False, "idle time is not saved up for a burst");
        (await after).Dispose();
    }

    [Test]
    public void NoRate_MeansNoPacing()
    {
        using var pacer = Pacer(0);
        var turns = Enumerable.Range(0, 5).Select(_ => pacer.WaitTurnAsync("acme", CancellationToken.None).AsTask()).ToList();
        Assert.That(turns, Has.All.Matches<Task<RateLimitLease>>(t => t.IsCompletedSuccessfully));
    }

    private static MobieTrainPacer Pacer(double requestsPerSecond) =>
        new(Options.Create(new MobieTrainOptions { RequestsPerSecond = requestsPerSecond }));
}
