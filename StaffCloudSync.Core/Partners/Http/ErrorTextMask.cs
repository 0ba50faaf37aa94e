namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Deliberately eager: a masked order number costs nothing, a stored address does.</summary>
public static partial class ErrorTextMask
{
    public const string Email = "[email]";
    public const string Phone = "[phone]";
    public const string Key = "[key]";

    public static string Mask(string text)
    {
        // Addresses first (their digits would otherwise read as a phone), then named secrets, long key-like tokens, phones.
        var masked = EmailPattern().Replace(text, Email);
        masked = NamedSecretPattern().Replace(masked, m => m.Groups["name"].Value + m.Groups["sep"].Value + Key);
        masked = KeyLikePattern().Replace(masked, m => m.Value.Any(char.IsDigit) && m.Value.Any(char.IsLetter) ? Key : m.Value);
        return PhonePattern().Replace(masked, m => m.Value.Count(char.IsDigit) >= 6 ? Phone : m.Value);
    }

    [GeneratedRegex(@"[^\s@""'<>(),;:\[\]]+@[^\s@""'<>(),;:\[\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<name>\b(?:api[-_ ]?key|key|token|secret|password|authorization|bearer)\b)(?<sep>\s*[:=]?\s*)(?!\[key\])[^\s,;""']+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamedSecretPattern();

    [GeneratedRegex(@"[A-Za-z0-9_\-+/=.~]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLikePattern();

    [GeneratedRegex(@"\+?\(?\d[\d\s().\-/]{4,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
