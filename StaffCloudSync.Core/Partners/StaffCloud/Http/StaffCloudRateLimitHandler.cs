using System.Collections.Concurrent;
using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>
/// Spends StaffCloud's quota without running into it: when an answer says <c>X-Rate-Limit-Remaining: 0</c>, the
/// next request to that host (API root) waits on the <see cref="BackoffClock"/> until <c>X-Rate-Limit-Reset</c>. A 429 that
/// happens anyway is retried by the shared resilience, which reads the same header.
/// </summary>
/// <remarks>
/// It sits outside the resilience handlers, so its wait counts against neither the attempt nor the total timeout,
/// and it sees each request's final answer. "Now" comes from the back-off clock rather than the app's clock: the
/// sandbox stands the app's clock still during a run, and the quota window moves with real time. Not a
/// System.Threading.RateLimiting limiter: the server counts the quota and says in headers what is left, which a
/// client-side limiter could only guess (docs/decisions.md).
/// </remarks>
internal sealed class StaffCloudRateLimitHandler(
    StaffCloudRateLimitGate gate,
    BackoffClock clock,
    IOptions<StaffCloudOptions> options,
    ILogger<StaffCloudRateLimitHandler> logger) : DelegatingHandler
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

    /// <summary>
    /// The API root a request goes to (<c>https://acme.staff.cloud/api/v1/</c>): one per host in production, and
    /// still one per tenant behind the sandbox's single loopback simulator, whose quotas are per tenant too.
    /// </summary>
    internal static string QuotaKey(Uri? uri) =>
        uri is { IsAbsoluteUri: true } ? new Uri(uri, ".").GetLeftPart(UriPartial.Path) : string.Empty;
}

/// <summary>
/// Per StaffCloud API root (<see cref="StaffCloudRateLimitHandler.QuotaKey"/>), until when its rate-limit quota is used up.
/// A singleton, because <c>IHttpClientFactory</c> rebuilds handlers every few minutes and a typed client is transient,
/// while the quota belongs to the host and outlives both.
/// </summary>
internal sealed class StaffCloudRateLimitGate() : ConcurrentDictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
