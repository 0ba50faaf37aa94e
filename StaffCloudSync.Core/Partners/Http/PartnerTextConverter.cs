using System.Buffers;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>
/// How a partner's text field is read (docs/decisions.md, "JSON"): a string as sent, a number as its digits (ids sent
/// as numbers), and a string that cannot be a .NET string — a lone surrogate escape, invalid UTF-8 — as null, an
/// invalid value instead of an exception. Anything else (an object, a list, a boolean) is not a text: a shape error.
/// Trimming and the control-character check are <see cref="TextValue.Usable"/>'s, applied where a field is read.
/// </summary>
internal sealed class PartnerTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    return reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return null;
                }

            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            default:
                throw new JsonException("a text field holds something that is not a text");
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
