namespace StaffCloudSync.Core.Http;

/// <summary>
/// Retries and timeouts for one external API (a sub-section of its options: <c>StaffCloud:Resilience</c>,
/// <c>MobieTrain:Resilience</c>). The total timeout is sized so that a <c>Retry-After</c> up to
/// <see cref="MaxRetryAfter"/> can be waited out between attempts. The ranges are checked by
/// <see cref="HttpResilienceFailures"/>, as part of the owning client's options validator.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>Retries after the first attempt (the spec asks for at least 3).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off; doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A server asking to wait longer than this is not retried: the run fails as unavailable and the next run tries again.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One request's time, from sending to the end of the headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts and waits of one request together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(4);
}
