using System.Buffers;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Whether a text from a partner is a usable value (sync-rules.md, "Bad values are values"): valid Unicode (no lone
/// surrogate, as a cut emoji leaves) and no control character. An unusable text is an invalid value of its field — a
/// name makes the profile invalid, a contact field counts as absent — never a crash.</summary>
public static class TextValue
{
    /// <summary>The text trimmed, or null when what is left is not a usable value.</summary>
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

    /// <summary>A JSON string's text, or null when it cannot be a .NET string: System.Text.Json refuses a lone surrogate escape
    /// (<c>"\ud83d"</c>) and invalid UTF-8 with an <see cref="InvalidOperationException"/> on reading.</summary>
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

    /// <inheritdoc cref="ReadString(JsonElement)"/>
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

    /// <summary>A number or boolean as its JSON text (an id or a phone number sent as a number is still one).</summary>
    internal static string RawText(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
}

/// <summary>How a partner's text field is read (docs/decisions.md, "JSON"): a string as sent, a number as its digits, and a
/// string that cannot be a .NET string as null, an invalid value. Anything else (object, list, boolean) is a shape error.
/// Trimming and the control-character check are <see cref="TextValue.Usable"/>'s, applied where a field is read.</summary>
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
