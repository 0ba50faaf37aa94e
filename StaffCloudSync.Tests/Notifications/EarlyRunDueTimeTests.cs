using StaffCloudSync.Core.Scheduling.Notifications;

namespace StaffCloudSync.Tests.Notifications;

/// <summary>The due time of sync-rules.md, "Early runs", computed by hand for each case.</summary>
public class EarlyRunDueTimeTests
{
    private static readonly DateTimeOffset Notified = new(2026, 3, 1, 14, 5, 0, TimeSpan.Zero);
    private static readonly TimeSpan Debounce = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(15);

    [TestCase(null, "14:10")]
    [TestCase("13:00", "14:10")]
    [TestCase("13:55", "14:10")]
    [TestCase("13:56", "14:11")]
    [TestCase("14:04", "14:19")]
    public void DueAt_IsTheLaterOfDebounceAndMinimumInterval(string? previousStart, string expected)
    {
        DateTimeOffset? previous = previousStart is null ? null : At(previousStart);
        Assert.That(EarlyRunSchedule.DueAt(Notified, previous, Debounce, MinInterval), Is.EqualTo(At(expected)));
    }

    private static DateTimeOffset At(string time) => new(Notified.Date.Add(TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.Zero);
}
