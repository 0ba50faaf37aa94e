using StaffCloudSync.Core.AppSettings;

namespace StaffCloudSync.Core.Http;

/// <summary>
/// The check of <see cref="HttpResilienceOptions"/>, a sub-section of both clients' options: not a validator of its
/// own, because it is never bound on its own, but the failures that <c>StaffCloudOptionsValidator</c> and
/// <c>MobieTrainOptionsValidator</c> add to theirs. Every value in its range, and an attempt shorter than the whole
/// request's budget (or no attempt could be retried).
/// </summary>
internal static class HttpResilienceFailures
{
    /// <summary>The failures of <paramref name="resilience"/>, the sub-section <c>Resilience</c> of <paramref name="section"/>.</summary>
    public static IReadOnlyList<string> Of(HttpResilienceOptions? resilience, string section)
    {
        ArgumentException.ThrowIfNullOrEmpty(section);
        if (resilience is null)
        {
            return [$"{AppSetting.Name(section, "Resilience")} is missing."];
        }

        string?[] checks =
        [
            // At least 3: the spec asks for three retries of a transient failure.
            AppSetting.OutOfRange(section, Key(nameof(HttpResilienceOptions.MaxRetries)), resilience.MaxRetries, 3, 10),
            AppSetting.OutOfRange(section, Key(nameof(HttpResilienceOptions.BaseDelay)), resilience.BaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            AppSetting.OutOfRange(section, Key(nameof(HttpResilienceOptions.MaxRetryAfter)), resilience.MaxRetryAfter, TimeSpan.Zero, TimeSpan.FromMinutes(10)),
            AppSetting.OutOfRange(section, Key(nameof(HttpResilienceOptions.AttemptTimeout)), resilience.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)),
            AppSetting.OutOfRange(section, Key(nameof(HttpResilienceOptions.TotalTimeout)), resilience.TotalTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(30)),
        ];

        var failures = checks.OfType<string>().ToList();
        if (resilience.AttemptTimeout >= resilience.TotalTimeout)
        {
            failures.Add($"{AppSetting.Name(section, Key(nameof(HttpResilienceOptions.AttemptTimeout)))} ({resilience.AttemptTimeout}) must be shorter than " +
                $"{AppSetting.Name(section, Key(nameof(HttpResilienceOptions.TotalTimeout)))} ({resilience.TotalTimeout}), or no attempt could be retried.");
        }

        return failures;
    }

    private static string Key(string property) => $"Resilience:{property}";
}
