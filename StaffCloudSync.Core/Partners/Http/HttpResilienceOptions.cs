using StaffCloudSync.Core.Platform.AppSettings;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Retries and timeouts of one API's requests: not settings (issue 22) but constants, which tests shorten in code.</summary>
public sealed class HttpResilienceOptions
{
    // Retries after the first attempt: the spec asks for at least 3.
    public const int DefaultMaxRetries = 4;
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromMinutes(4);
    public int MaxRetries { get; set; } = DefaultMaxRetries;
    public TimeSpan BaseDelay { get; set; } = DefaultBaseDelay;

    // A server asking to wait longer is not retried: the run fails as unavailable and the next run tries again.
    public TimeSpan MaxRetryAfter { get; set; } = DefaultMaxRetryAfter;

    // From sending to the end of the headers.
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;
    public TimeSpan TotalTimeout { get; set; } = DefaultTotalTimeout;

    // The former settings {section}:Resilience:*, with the constants that replaced them.
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
