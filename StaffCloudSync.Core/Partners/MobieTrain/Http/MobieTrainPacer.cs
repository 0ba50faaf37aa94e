using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>Each account's requests evenly spaced on the <see cref="BackoffClock"/>; not a token bucket (docs/decisions.md).</summary>
public sealed class MobieTrainPacer(BackoffClock clock)
{
    // Per account, the timestamp from which its next request may go.
    private readonly ConcurrentDictionary<string, StrongBox<long>> _accounts = new(StringComparer.Ordinal);

    public Task WaitTurnAsync(string account, double requestsPerSecond, CancellationToken cancellationToken)
    {
        if (requestsPerSecond <= 0)
            return Task.CompletedTask;

        var time = clock.Time;
        var slot = _accounts.GetOrAdd(account, _ => new StrongBox<long>());
        long now, next;
        lock (slot)
        {
            now = time.GetTimestamp();
            next = Math.Max(slot.Value, now);
            slot.Value = next + (long)(time.TimestampFrequency / requestsPerSecond);
        }

        return next > now ? Task.Delay(time.GetElapsedTime(now, next), time, cancellationToken) : Task.CompletedTask;
    }
}

// The pacer as the client's per-attempt handler: the account is the path segment after accounts/.
internal sealed class MobieTrainPacingHandler(MobieTrainPacer pacer, Func<double> requestsPerSecond) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var index = Array.IndexOf(segments, "accounts");
        var account = index >= 0 && index + 1 < segments.Length ? segments[index + 1] : string.Empty;
        await pacer.WaitTurnAsync(account, requestsPerSecond(), cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
