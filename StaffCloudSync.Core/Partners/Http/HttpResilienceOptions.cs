using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Retries and timeouts of one external API's requests. Not settings (issue 22): the same constants for both APIs and
/// every environment, held in an internal property of the clients' options, which the binder leaves alone and tests
/// shorten in code. The total timeout leaves room to wait out a <c>Retry-After</c> up to <see cref="MaxRetryAfter"/>.</summary>
public sealed class HttpResilienceOptions
{
    /// <summary>Retries after the first attempt: the spec asks for at least 3.</summary>
    public const int DefaultMaxRetries = 4;

    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromMinutes(4);

    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>First back-off; doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = DefaultBaseDelay;

    /// <summary>A server asking to wait longer is not retried: the run fails as unavailable and the next run tries again.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = DefaultMaxRetryAfter;

    /// <summary>One request's time, from sending to the end of the headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>All attempts and waits of one request together.</summary>
    public TimeSpan TotalTimeout { get; set; } = DefaultTotalTimeout;

    /// <summary>The former settings <c>{section}:Resilience:*</c>, with the constants that replaced them.</summary>
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
