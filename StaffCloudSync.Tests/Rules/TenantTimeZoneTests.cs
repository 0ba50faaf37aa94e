using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Tests.Rules;

/// <summary>StaffCloud's wall-clock times are the tenant's time zone (IANA), DST included.</summary>
public class TenantTimeZoneTests
{
    [TestCase("Europe/Zurich", "2026-01-15 12:00:00", "2026-01-15T11:00:00Z")]
    [TestCase("Europe/Zurich", "2026-07-15 12:00:00", "2026-07-15T10:00:00Z")]
    [TestCase("America/New_York", "2026-07-15 12:00:00", "2026-07-15T16:00:00Z")]
    [TestCase("UTC", "2026-07-15 12:00:00", "2026-07-15T12:00:00Z")]
    // 02:30 does not exist in Zurich on 29 March 2026 (clocks jump 02:00 → 03:00): read with the winter offset.
    [TestCase("Europe/Zurich", "2026-03-29 02:30:00", "2026-03-29T01:30:00Z")]
    // 02:30 happens twice on 25 October 2026: the first occurrence (summer time).
    [TestCase("Europe/Zurich", "2026-10-25 02:30:00", "2026-10-25T00:30:00Z")]
    public void WallClock_ConvertsToTheRightInstant(string zone, string wallClock, string expectedUtc)
    {
        var local = DateTime.ParseExact(wallClock, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(TenantTimeZone.Resolve(zone).ToUtc(local), Is.EqualTo(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("0001-01-01 00:00:00", "0001-01-01T00:00:00Z")]
    [TestCase("9999-12-31 23:59:59", "9999-12-31T22:59:59Z")]
    public void AbsurdDates_AtTheCalendarsEdges_ClampInsteadOfThrowing(string wallClock, string expectedUtc)
    {
        var local = DateTime.ParseExact(wallClock, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(TenantTimeZone.Resolve("Europe/Zurich").ToUtc(local), Is.EqualTo(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Instant_ConvertsToWallClock()
    {
        var wall = TenantTimeZone.Resolve("Europe/Zurich").ToWallClock(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        Assert.That(wall, Is.EqualTo(new DateTime(2026, 3, 1, 3, 0, 0)));
        Assert.That(wall.Kind, Is.EqualTo(DateTimeKind.Unspecified));
    }

    [TestCase("Mars/Olympus")]
    [TestCase("")]
    [TestCase(null)]
    public void UnknownZones_AreRefused(string? zone) =>
        Assert.That(TenantTimeZone.TryResolve(zone, out _), Is.False);
}
