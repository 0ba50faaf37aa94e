namespace StaffCloudSync.Core.Partners.Http;

/// <summary>
/// Whether a text from a partner is a usable value (sync-rules.md, "Bad values are values"): valid Unicode (no
/// lone surrogate, as a cut emoji leaves) and no control character inside it. An unusable text is an invalid value
/// of its field — a name then makes the profile invalid, a contact field counts as absent — never a crash.
/// </summary>
public static class TextValue
{
    /// <summary>The text with white space trimmed at its ends, or null when what is left is not a usable value.</summary>
    public static string? Usable(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsControl(c))
            {
                return null;
            }

            if (char.IsHighSurrogate(c) && i + 1 < trimmed.Length && char.IsLowSurrogate(trimmed[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return null;
            }
        }

        return trimmed;
    }

    /// <summary>
    /// A JSON string's text, or null when it cannot be a .NET string: System.Text.Json refuses a lone surrogate escape
    /// (<c>"\ud83d"</c>) and invalid UTF-8 with an <see cref="InvalidOperationException"/> on reading.
    /// </summary>
    public static string? ReadString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
