namespace StaffCloudSync.Core.Http;

/// <summary>
/// The clock retries (the TimeProvider of the retry pipeline) and StaffCloud's quota pauses wait on. The system clock in
/// production and in the sandbox (where waits take real time); tests register one whose timers fire at once and record
/// the waits, so no test sleeps through a back-off. Kept apart from the app's <see cref="TimeProvider"/>, whose "now" a
/// test fixes, and from the timeouts, which keep real time.
/// </summary>
public sealed class BackoffClock(TimeProvider time)
{
    public static BackoffClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;
}
