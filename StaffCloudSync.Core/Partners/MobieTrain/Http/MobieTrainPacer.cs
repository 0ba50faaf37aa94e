using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>
/// Keeps each MobieTrain account's requests (reads, writes, retries) evenly spaced at <c>MobieTrain:RequestsPerSecond</c>,
/// so a run stays under the partner's rate limit instead of meeting it as 429s. Per account, because the limit is
/// per account and tenants run side by side. Waits on the <see cref="BackoffClock"/> (skipped in tests). Not a
/// System.Threading.RateLimiting token bucket: that one takes no TimeProvider, and under load its timer releases queued
/// requests in bunches that met the simulator's windowed limit as 429s (docs/decisions.md).
/// </summary>
public sealed class MobieTrainPacer(BackoffClock clock)
{
    // Per account, the timestamp from which its next request may go.
    private readonly ConcurrentDictionary<string, StrongBox<long>> _accounts = new(StringComparer.Ordinal);

    /// <summary>Waits until this account may send its next request at <paramref name="requestsPerSecond"/> (0: at once).</summary>
    public Task WaitTurnAsync(string account, double requestsPerSecond, CancellationToken cancellationToken)
    {
        if (requestsPerSecond <= 0)
            return Task.CompletedTask;

        var interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        var slot = _accounts.GetOrAdd(account, _ => new StrongBox<long>());
        TimeSpan wait;
        lock (slot)
        {
            var now = clock.Time.GetTimestamp();
            var next = Math.Max(slot.Value, now);
            slot.Value = next + (long)(interval.TotalSeconds * clock.Time.TimestampFrequency);
            wait = TimeSpan.FromSeconds((next - now) / (double)clock.Time.TimestampFrequency);
        }

        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, clock.Time, cancellationToken);
    }
}

/// <summary>The pacer as the MobieTrain client's per-attempt handler: the account is the path segment after <c>accounts/</c>.</summary>
internal sealed class MobieTrainPacingHandler(MobieTrainPacer pacer, Func<double> requestsPerSecond) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await pacer.WaitTurnAsync(AccountOf(request.RequestUri), requestsPerSecond(), cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    private static string AccountOf(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var index = Array.IndexOf(segments, "accounts");
        return index >= 0 && index + 1 < segments.Length ? segments[index + 1] : string.Empty;
    }
}
