using System.ComponentModel.DataAnnotations;

namespace StaffCloudSync.Core.Http;

/// <summary>
/// The one check of <see cref="HttpResilienceOptions"/>, for both clients: every value in its range, and an attempt
/// shorter than the whole request's budget (or no attempt could be retried). Messages name the setting as a
/// configuration key and as the app setting that holds it.
/// </summary>
public static class HttpResilienceOptionsValidator
{
    /// <summary>The failures of <paramref name="resilience"/>, the sub-section <c>Resilience</c> of <paramref name="section"/>.</summary>
    public static IReadOnlyList<string> Validate(HttpResilienceOptions? resilience, string section)
    {
        ArgumentException.ThrowIfNullOrEmpty(section);
        if (resilience is null)
        {
            return [$"{Setting(section, "Resilience")} is missing."];
        }

        var failures = new List<string>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(resilience, new ValidationContext(resilience), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? "?";
            failures.Add($"{Setting(section, $"Resilience:{member}")}: {result.ErrorMessage}");
        }

        if (resilience.AttemptTimeout >= resilience.TotalTimeout)
        {
            failures.Add($"{Setting(section, "Resilience:AttemptTimeout")} ({resilience.AttemptTimeout}) must be shorter than " +
                $"{Setting(section, "Resilience:TotalTimeout")} ({resilience.TotalTimeout}), or no attempt could be retried.");
        }

        return failures;
    }

    private static string Setting(string section, string key)
    {
        var path = $"{section}:{key}";
        return $"{path} (app setting {path.Replace(":", "__", StringComparison.Ordinal)})";
    }
}
