namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>E-mail addresses: trimmed, validated, compared case-insensitively (sync-rules.md, profile mapping).</summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The trimmed address when it is valid; null when absent or invalid (an invalid one counts as absent).</summary>
    public static string? Normalize(string? value) =>
        value?.Trim() is { Length: > 0 and <= MaxLength } trimmed && Pattern().IsMatch(trimmed) ? trimmed : null;

    public static bool AreSame(string? left, string? right) =>
        left is not null && right is not null && string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase);

    // One @, a non-empty local part, a dotted domain of letters, digits and hyphens; no spaces or control characters.
    [GeneratedRegex(@"^[^@\s\p{Cc}]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
