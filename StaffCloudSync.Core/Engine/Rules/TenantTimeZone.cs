namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>The tenant's time zone (IANA name): StaffCloud sends wall-clock times of it, the rules compare instants.</summary>
public sealed class TenantTimeZone
{
    private TenantTimeZone(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    public static bool TryResolve(string? ianaName, out TenantTimeZone? timeZone)
    {
        timeZone = !string.IsNullOrWhiteSpace(ianaName) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaName.Trim(), out var zone)
            ? new TenantTimeZone(zone)
            : null;
        return timeZone is not null;
    }

    public static TenantTimeZone Resolve(string ianaName) =>
        TryResolve(ianaName, out var zone) ? zone! : throw new ArgumentException($"'{ianaName}' is not a known IANA time zone.", nameof(ianaName));

    /// <summary>A time skipped by a DST change is read with the offset before it; a repeated one as its first occurrence: what a
    /// person reading the schedule would mean.</summary>
    public DateTimeOffset ToUtc(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var offset = Zone.IsInvalidTime(local) ? Zone.GetUtcOffset(local.AddHours(-3))
            : Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);

        // An absurd date at the edge of the calendar (0001-01-01 east of UTC) must not throw: it clamps.
        var ticks = local.Ticks - offset.Ticks;
        return ticks < DateTimeOffset.MinValue.UtcTicks ? DateTimeOffset.MinValue
            : ticks > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue
            : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    public DateTime ToWallClock(DateTimeOffset instant) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, Zone).DateTime, DateTimeKind.Unspecified);
}
