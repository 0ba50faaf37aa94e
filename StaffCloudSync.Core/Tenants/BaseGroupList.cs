namespace StaffCloudSync.Core.Tenants;

/// <summary>The <c>BaseGroups</c> setting's text (sync-rules.md, "base groups"): ';'-separated names, each trimmed.</summary>
public static class BaseGroupList
{
    /// <summary>A group's name in MobieTrain is at most this long; a longer base group could never be created.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The names, empty entries dropped, the first of case-insensitive repeats kept.</summary>
    public static IReadOnlyList<string> Parse(string? text) => string.IsNullOrWhiteSpace(text) ? []
        : text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
