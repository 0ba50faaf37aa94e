using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Infra;

/// <summary>What a key, a connection string or a token looks like in a template, a pipeline or a setting value.</summary>
internal static partial class SecretPatterns
{
    /// <summary>The first secret-looking piece of the text, or null.</summary>
    public static string? FindIn(string text)
    {
        foreach (var pattern in new[] { Credential(), SasToken(), PrivateKey(), SecretAssignment() })
        {
            if (pattern.Match(text) is { Success: true } match)
            {
                return match.Value;
            }
        }

        // An instrumentation key is an ingestion secret unless Entra ID authenticates (local auth off).
        if (InstrumentationKey().IsMatch(text) && !text.Contains("Authorization=AAD", StringComparison.Ordinal))
        {
            return InstrumentationKey().Match(text).Value;
        }

        // Long runs of letters and digits, as base64 keys and tokens are; words, paths and ids are not like that.
        return HighEntropyCandidate().Matches(text).Select(m => m.Value)
            .FirstOrDefault(run => run.Count(char.IsDigit) >= 4 && run.Count(char.IsUpper) >= 4 && run.Count(char.IsLower) >= 4);
    }

    [GeneratedRegex(@"(AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey|ClientSecret)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Credential();

    [GeneratedRegex(@"[?&]sig=|\bsv=20\d\d-\d\d-\d\d&", RegexOptions.IgnoreCase)]
    private static partial Regex SasToken();

    [GeneratedRegex("-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    /// <summary>A literal given to something named like a secret: <c>password: 'x…'</c>, <c>apiKey = "…"</c>.</summary>
    [GeneratedRegex(@"\b(password|passwd|pwd|secret|api[-_]?key|token)\b\s*[:=]\s*['""][^'""$\s]{6,}['""]", RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"InstrumentationKey\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InstrumentationKey();

    [GeneratedRegex(@"[A-Za-z0-9+/_\-]{32,}={0,2}")]
    private static partial Regex HighEntropyCandidate();
}
