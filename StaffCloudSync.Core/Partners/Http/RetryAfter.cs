namespace StaffCloudSync.Core.Partners.Http;

/// <summary>How long a server asked us to wait: <c>Retry-After</c>, else StaffCloud's <c>X-Rate-Limit-Reset</c>.</summary>
public static class RetryAfter
{
    public const string RateLimitReset = "X-Rate-Limit-Reset";
    public const string RateLimitRemaining = "X-Rate-Limit-Remaining";

    // Below this, X-Rate-Limit-Reset is a number of seconds; above, a Unix timestamp (1 000 000 s is 11.5 days).
    private const long SecondsThreshold = 1_000_000;

    // No server wait is read as longer: an absurd header (years, beyond a date) is clamped rather than thrown on.
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    // X-Rate-Limit-Reset comes with every answer: a wait only for 429 or no quota left, else a 503 would wait for the window.
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now) =>
        FromRetryAfter(response.Headers.RetryAfter, now)
        ?? (response.StatusCode == HttpStatusCode.TooManyRequests || WhenQuotaExhausted(response, now) is not null
            ? FromRateLimitReset(response.Headers, now)
            : null);

    public static TimeSpan? WhenQuotaExhausted(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.TryGetValues(RateLimitRemaining, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
        && remaining <= 0
            ? FromRateLimitReset(response.Headers, now)
            : null;

    private static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => Bounded(delta),
        { Date: { } date } => Bounded(date - now),
        _ => null,
    };

    private static TimeSpan? FromRateLimitReset(HttpResponseHeaders headers, DateTimeOffset now) =>
        !headers.TryGetValues(RateLimitReset, out var values)
        || !double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var reset)
        || double.IsNaN(reset) || reset < 0 ? null
        : double.IsInfinity(reset) ? Longest
        : reset < SecondsThreshold ? Bounded(TimeSpan.FromSeconds(reset))
        // A Unix timestamp: compared in seconds, so that no value a double can hold overflows a date.
        : Bounded(TimeSpan.FromSeconds(Math.Min(reset - now.ToUnixTimeSeconds(), Longest.TotalSeconds)));

    private static TimeSpan Bounded(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value > Longest ? Longest : value;
}
