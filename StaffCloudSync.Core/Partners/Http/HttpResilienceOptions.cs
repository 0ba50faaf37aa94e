using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>
/// Retries and timeouts of one external API's requests. Not settings (issue 22): the values are the constants below,
/// the same for both APIs and every environment; the clients' options hold them in an internal property, which the
/// configuration binder leaves alone and which tests shorten in code. The total timeout is sized so that a
/// <c>Retry-After</c> up to <see cref="MaxRetryAfter"/> can be waited out between attempts.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>Retries after the first attempt: the spec asks for at least 3.</summary>
    public const int DefaultMaxRetries = 4;

    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>First back-off; doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = DefaultBaseDelay;

    /// <summary>A server asking to wait longer than this is not retried: the run fails as unavailable and the next run tries again.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = DefaultMaxRetryAfter;

    /// <summary>One request's time, from sending to the end of the headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>All attempts and waits of one request together.</summary>
    public TimeSpan TotalTimeout { get; set; } = DefaultTotalTimeout;

    /// <summary>The former settings <c>{section}:Resilience:*</c> (removed by issue 22), with the constants that replaced them.</summary>
    public static IReadOnlyList<RemovedSetting> RemovedSettings { get; } =
    [
        Removed(nameof(MaxRetries), DefaultMaxRetries.ToString(CultureInfo.InvariantCulture)),
        Removed(nameof(BaseDelay), DefaultBaseDelay.ToString()),
        Removed(nameof(MaxRetryAfter), DefaultMaxRetryAfter.ToString()),
        Removed(nameof(AttemptTimeout), DefaultAttemptTimeout.ToString()),
        Removed(nameof(TotalTimeout), DefaultTotalTimeout.ToString()),
    ];

    private static RemovedSetting Removed(string property, string value) =>
        new($"Resilience:{property}", $"it is now the constant {value} (HttpResilienceOptions.Default{property})");
}
