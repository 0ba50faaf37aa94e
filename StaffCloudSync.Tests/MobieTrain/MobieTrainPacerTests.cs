using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.MobieTrain.Http;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>The client paces each MobieTrain account's requests evenly under the configured rate.</summary>
public class MobieTrainPacerTests
{
    [Test]
    public void Requests_AreSpacedEvenly_PerAccount()
    {
        var time = new FakeTimeProvider();
        var pacer = new MobieTrainPacer(new BackoffClock(time));

        var first = pacer.WaitTurnAsync("acme", 10, CancellationToken.None);
        var second = pacer.WaitTurnAsync("acme", 10, CancellationToken.None);
        var third = pacer.WaitTurnAsync("acme", 10, CancellationToken.None);
        var otherAccount = pacer.WaitTurnAsync("beta", 10, CancellationToken.None);

        Assert.That(first.IsCompleted, Is.True, "the first request goes at once");
        Assert.That(otherAccount.IsCompleted, Is.True, "another account has its own pace");
        Assert.That(second.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.That(second.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(second.IsCompleted, Is.True, "100 ms after the first at 10 per second");
        Assert.That(third.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(third.IsCompleted, Is.True);
    }

    [Test]
    public void AfterAQuietSpell_TheNextRequestGoesAtOnce_WithoutABurst()
    {
        var time = new FakeTimeProvider();
        var pacer = new MobieTrainPacer(new BackoffClock(time));
        _ = pacer.WaitTurnAsync("acme", 10, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));

        var next = pacer.WaitTurnAsync("acme", 10, CancellationToken.None);
        var after = pacer.WaitTurnAsync("acme", 10, CancellationToken.None);

        Assert.That(next.IsCompleted, Is.True);
        Assert.That(after.IsCompleted, Is.False, "idle time is not saved up for a burst");
    }

    [Test]
    public void NoRate_MeansNoPacing()
    {
        var pacer = new MobieTrainPacer(new BackoffClock(new FakeTimeProvider()));
        Assert.That(Enumerable.Range(0, 5).Select(_ => pacer.WaitTurnAsync("acme", 0, CancellationToken.None)), Has.All.Matches<Task>(t => t.IsCompleted));
    }
}
