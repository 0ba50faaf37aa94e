namespace StaffCloudSync.Core.Http;

/// <summary>
/// The clock retries and rate-limit pauses wait on. The system clock in production and in the sandbox (where
/// waits take real time); tests register one whose timers fire at once and record the waits, so no test sleeps
/// through a back-off. Kept apart from the app's <see cref="TimeProvider"/>, whose "now" a test fixes.
/// </summary>
public sealed class BackoffClock(TimeProvider time)
{
    public static BackoffClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, Time, cancellationToken);
}
