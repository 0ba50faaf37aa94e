namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Whether a partner's text is a usable value (sync-rules.md, "Bad values are values"): valid Unicode, no control character.</summary>
public static class TextValue
{
    public static string? Usable(string? text)
    {
        if (text is null)
            return null;

        var trimmed = text.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsControl(c))
                return null;

            if (char.IsHighSurrogate(c) && i + 1 < trimmed.Length && char.IsLowSurrogate(trimmed[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return null;
        }

        return trimmed;
    }

    // Null when it cannot be a .NET string: System.Text.Json refuses a lone surrogate escape and invalid UTF-8 on reading.
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

    internal static string? ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    internal static string RawText(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
}

/// <summary>A string as sent, a number as its digits; anything else is a shape error (docs/decisions.md, "JSON").</summary>
internal sealed class PartnerTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => TextValue.ReadString(ref reader),
        JsonTokenType.Number => TextValue.RawText(ref reader),
        _ => throw new JsonException("a text field holds something that is not a text"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
