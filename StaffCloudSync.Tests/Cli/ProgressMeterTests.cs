using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Tests.Cli;

/// <summary>The live line's arithmetic on a clock of the test's: the rate over the recent window, the time left, the refresh limit.</summary>
public class ProgressMeterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    private static RunProgress Apply(int done, int planned = 1_000, int invocation = 1) =>
        new("acme", invocation, "apply: invitations", done, planned);

    [Test]
    public void Rate_IsWritesPerSecond_AndTimeLeft_TheRemainderAtThatRate()
    {
        var meter = new ProgressMeter(_time);
        meter.Observe(Apply(0));
        _time.Advance(TimeSpan.FromSeconds(2));

        var line = meter.Observe(Apply(100));

        Assert.That(meter.Rate, Is.EqualTo(50).Within(1e-9));
        Assert.That(meter.TimeLeft, Is.EqualTo(TimeSpan.FromSeconds(18)), "900 left at 50 a second");
        Assert.That(line, Is.EqualTo("apply: invitations · 100 of 1,000 writes · 50 writes/s · about 18 s left"));
    }

    [Test]
    public void Rate_FollowsTheRecentWindow_NotTheWholeRun()
    {
        var meter = new ProgressMeter(_time);
        meter.Observe(Apply(0));
        for (var second = 1; second <= 10; second++)
        {
            // 100 a second for 5 s, then 10 a second (a 429's back-off): the window sees only the slow pace.
            _time.Advance(TimeSpan.FromSeconds(1));
            meter.Observe(Apply(second <= 5 ? second * 100 : 500 + ((second - 5) * 10)));
        }

        Assert.That(meter.Rate, Is.EqualTo(10).Within(1e-9));
        Assert.That(meter.TimeLeft, Is.EqualTo(TimeSpan.FromSeconds(45)), "450 left at 10 a second");
    }

    [Test]
    public void NoRate_BeforeTheSamplesSpanASecond_NorWithoutWritesPlanned()
    {
        var meter = new ProgressMeter(_time);
        meter.Observe(Apply(0));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var early = meter.Observe(Apply(40));

        Assert.That(meter.Rate, Is.Null);
        Assert.That(meter.TimeLeft, Is.Null);
        Assert.That(early, Is.EqualTo("apply: invitations · 40 of 1,000 writes"));
        Assert.That(meter.Observe(new RunProgress("acme", 1, "read", 0, 0)), Is.EqualTo("read"), "before the plan there are no writes to count");
    }

    [Test]
    public void Lines_AreDueAtMostFourTimesASecond_ButAtOnceOnANewPhase_AndOnTheLastWrite()
    {
        var meter = new ProgressMeter(_time);
        Assert.That(meter.Observe(Apply(0, planned: 3)), Is.Not.Null);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(meter.Observe(Apply(1, planned: 3)), Is.Null, "100 ms after the last line");
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.That(meter.Observe(Apply(2, planned: 3)), Is.Not.Null, "250 ms after the last line");
        Assert.That(meter.Observe(Apply(3, planned: 3)), Does.StartWith("apply: invitations · 3 of 3 writes"), "the last write");
        Assert.That(meter.Observe(new RunProgress("acme", 1, "apply: groups", 3, 3)), Is.Not.Null, "a new phase");
    }

    [Test]
    public void ANewInvocation_ShowsItsNumber_AndMeasuresItsOwnPace()
    {
        var meter = new ProgressMeter(_time);
        meter.Observe(Apply(0));
        _time.Advance(TimeSpan.FromSeconds(2));
        meter.Observe(Apply(1_000, planned: 1_000));
        _time.Advance(TimeSpan.FromSeconds(1));

        var line = meter.Observe(new RunProgress("acme", 2, "read", 0, 0));
        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(Apply(0, planned: 200, invocation: 2));
        _time.Advance(TimeSpan.FromSeconds(2));
        var applying = meter.Observe(Apply(20, planned: 200, invocation: 2));

        Assert.That(line, Is.EqualTo("invocation 2 · read"));
        Assert.That(meter.Rate, Is.EqualTo(10).Within(1e-9), "20 writes in the 2 s since this invocation's apply began (not the first's 500 a second)");
        Assert.That(applying, Is.EqualTo("invocation 2 · apply: invitations · 20 of 200 writes · 10 writes/s · about 18 s left"));
    }

    [Test]
    public void LongTimesLeft_ReadInMinutes()
    {
        var meter = new ProgressMeter(_time);
        meter.Observe(Apply(0, planned: 20_000));
        _time.Advance(TimeSpan.FromSeconds(4));

        var line = meter.Observe(Apply(100, planned: 20_000));

        Assert.That(line, Does.EndWith("100 of 20,000 writes · 25 writes/s · about 13 min 16 s left"), "19,900 at 25 a second: 796 s");
    }
}
