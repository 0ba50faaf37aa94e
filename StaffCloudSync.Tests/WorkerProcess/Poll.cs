using System.Diagnostics;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>Waits for something another process or a background listener does: checks it often, gives up at a deadline.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> whatWasAwaited)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(whatWasAwaited);
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > deadline)
            {
                Assert.Fail($"Not within {deadline.TotalSeconds:0} s: {whatWasAwaited()}");
            }

            await Task.Delay(Interval);
        }
    }
}
