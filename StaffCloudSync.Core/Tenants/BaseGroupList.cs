namespace StaffCloudSync.Core.Tenants;

/// <summary>The <c>BaseGroups</c> setting's text (sync-rules.md, "base groups"): ';'-separated names, each trimmed.</summary>
public static class BaseGroupList
{
    /// <summary>A group's name in MobieTrain is at most this long; a longer base group could never be created.</summary>
    public const int MaxNameLength = 255;

    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var part in text.Split(';'))
        {
            var name = part.Trim();
            if (name.Length > 0 && seen.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
