namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>
/// The scenario's clock (scenario-format.md): "now" stands still at the value set for a step — for the sync, the
/// simulators and the stores alike — while timers are the system's, so waits (back-off, latency, pacing) take
/// real time.
/// </summary>
public sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
}
