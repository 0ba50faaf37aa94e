using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>After <c>X-Rate-Limit-Remaining: 0</c>, the next request waits until the reset, outside the timeouts (docs/decisions.md).</summary>
internal sealed class StaffCloudRateLimitHandler(
    StaffCloudRateLimitGate gate, BackoffClock clock, IOptions<StaffCloudOptions> options, ILogger<StaffCloudRateLimitHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = QuotaKey(request.RequestUri);

        // A reset already past gives no wait; the entry goes when an answer shows requests left again.
        var wait = gate.TryGetValue(host, out var until) ? until - clock.Time.GetUtcNow() : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            var maxWait = options.Value.Resilience.MaxRetryAfter;
            if (wait <= maxWait)
                await Task.Delay(wait, clock.Time, cancellationToken);
            else
            {
                // Holding a run longer than a Retry-After would be allowed to is not worth it: let the server answer.
                StaffCloudLog.QuotaWaitTooLong(logger, host, (long)wait.TotalMilliseconds, (long)maxWait.TotalMilliseconds);
            }
        }

        var response = await base.SendAsync(request, cancellationToken);

        // The back-off clock's "now": the sandbox stands the app's clock still, and the quota window moves with real time.
        var now = clock.Time.GetUtcNow();
        if (RetryAfter.WhenQuotaExhausted(response, now) is { } untilReset && untilReset > TimeSpan.Zero)
        {
            var reset = now + untilReset;
            gate.AddOrUpdate(host, reset, (_, known) => known > reset ? known : reset);
            StaffCloudLog.QuotaExhausted(logger, host, (long)untilReset.TotalMilliseconds);
        }
        else if (response.Headers.Contains(RetryAfter.RateLimitRemaining))
            gate.TryRemove(host, out _);

        return response;
    }

    // The API root a request goes to: one per host in production, one per tenant behind the sandbox's single simulator.
    internal static string QuotaKey(Uri? uri) =>
        uri is { IsAbsoluteUri: true } ? new Uri(uri, ".").GetLeftPart(UriPartial.Path) : string.Empty;
}

// Per API root, until when its quota is used up: a singleton, as the quota outlives the factory's handlers and a typed client.
internal sealed class StaffCloudRateLimitGate() : ConcurrentDictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
