using System.ComponentModel.DataAnnotations;

namespace StaffCloudSync.Core.Http;

/// <summary>
/// Retries and timeouts for one external API (a sub-section of its options: <c>StaffCloud:Resilience</c>,
/// <c>MobieTrain:Resilience</c>). The total timeout is sized so that a <c>Retry-After</c> up to
/// <see cref="MaxRetryAfter"/> can be waited out between attempts.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>Retries after the first attempt (the spec asks for at least 3).</summary>
    [Range(3, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off; doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A server asking to wait longer than this is not retried: the run fails as unavailable and the next run tries again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One request's time, from sending to the end of the headers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts and waits of one request together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(4);
}
