namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>First and last names: trimmed, control characters dropped, cut to MobieTrain's 255 characters.</summary>
public static class PersonName
{
    public const int MaxLength = 255;

    public static string? Normalize(string? value)
    {
        if (value is null)
            return null;

        // Control characters (tabs, line breaks, NULs) never belong in a display name and break some clients.
        var cleaned = (value.Any(char.IsControl) ? new string(value.Where(c => !char.IsControl(c)).ToArray()) : value).Trim();
        return cleaned.Length == 0 ? null : Truncate(cleaned, MaxLength);
    }

    /// <summary>Cuts to <paramref name="max"/> UTF-16 units without splitting a surrogate pair.</summary>
    public static string Truncate(string value, int max)
    {
        if (value.Length <= max)
            return value;

        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..cut].TrimEnd();
    }
}
