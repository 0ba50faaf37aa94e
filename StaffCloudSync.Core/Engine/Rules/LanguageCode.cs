namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>StaffCloud's <c>communication_language</c> to an ISO 639-1 code: a code (<c>de</c>, <c>de-CH</c>, <c>de_CH</c>) or the
/// language's English or own name, case and accents ignored. Anything else is unknown.</summary>
public static class LanguageCode
{
    private static readonly Lazy<Dictionary<string, string>> Lookup = new(Load);
    private static readonly Lazy<HashSet<string>> Codes = new(() => new HashSet<string>(Lookup.Value.Values, StringComparer.Ordinal));

    public static string? Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;

        var trimmed = value.Trim();
        if (trimmed.IndexOfAny(['-', '_']) == 2)
            trimmed = trimmed[..2];

        return Lookup.Value.GetValueOrDefault(Fold(trimmed));
    }

    /// <summary>True for a lower-case ISO 639-1 code this mapping knows (what <c>DefaultLanguage</c> must be).</summary>
    public static bool IsKnownCode(string? code) => code is not null && Codes.Value.Contains(code);

    private static Dictionary<string, string> Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = typeof(LanguageCode).Assembly.GetManifestResourceStream("StaffCloudSync.Core.Engine.Rules.languages.tsv")
            ?? throw new InvalidOperationException("The language table is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length < 3)
                continue;

            var code = parts[0];
            map[code] = code;
            map.TryAdd(Fold(parts[1]), code);
            map.TryAdd(Fold(parts[2]), code);
        }

        return map;
    }

    // Case- and accent-insensitive key: "Français", "francais" and "FRANÇAIS" meet.
    private static string Fold(string value) =>
        string.Concat(value.Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(char.ToLowerInvariant));
}
