namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>A value of an unexpected kind is skipped, never an error; a deeply nested body is "not JSON" rather than a long walk.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 32, Converters = [typeof(NotificationTextConverter)])]
[JsonSerializable(typeof(NotificationPayload))]
[JsonSerializable(typeof(NotificationFields))]
[JsonSerializable(typeof(NotificationNested))]
internal sealed partial class NotificationJson : JsonSerializerContext;

// The known event name of the object, or of one of the first ten objects of a batch.
[JsonConverter(typeof(NotificationPayloadConverter))]
internal readonly record struct NotificationPayload(string? Event);

internal sealed record NotificationFields(NotificationField? Trigger, NotificationField? Event, NotificationField? Type)
{
    // The registration's shape first; only a known trigger name counts, so no other text of the body can reach a log line.
    public string? KnownEvent => new[] { Trigger?.Nested?.Event, Event?.Text, Trigger?.Text, Type?.Text, Event?.Nested?.Name }
        .Select(NotificationBody.Known).FirstOrDefault(e => e is not null);
}

// "event": "x" or "event": {"name": "x"}.
[JsonConverter(typeof(NotificationFieldConverter))]
internal sealed record NotificationField(string? Text, NotificationNested? Nested);
internal sealed record NotificationNested(string? Event, string? Name);

internal sealed class NotificationPayloadConverter : JsonConverter<NotificationPayload>
{
    private const int BatchElementsLooked = 10;

    public override NotificationPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
            return new(JsonSerializer.Deserialize(ref reader, NotificationJson.Default.NotificationFields)?.KnownEvent);

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            _ = reader.TrySkip();
            return default;
        }

        string? found = null;
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            // A batch's elements are objects; a list in a list is not a shape anyone sends.
            if (found is null && index < BatchElementsLooked && reader.TokenType == JsonTokenType.StartObject)
                found = JsonSerializer.Deserialize(ref reader, NotificationJson.Default.NotificationFields)?.KnownEvent;
            else
                _ = reader.TrySkip();
        }

        return new(found);
    }

    public override void Write(Utf8JsonWriter writer, NotificationPayload value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Notifications are only read.");
}

internal sealed class NotificationFieldConverter : JsonConverter<NotificationField>
{
    public override NotificationField? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new(reader.GetString(), null);
            case JsonTokenType.StartObject:
                return new(null, JsonSerializer.Deserialize(ref reader, NotificationJson.Default.NotificationNested));
            default:
                _ = reader.TrySkip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, NotificationField value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Notifications are only read.");
}

internal sealed class NotificationTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return reader.GetString();

        _ = reader.TrySkip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
