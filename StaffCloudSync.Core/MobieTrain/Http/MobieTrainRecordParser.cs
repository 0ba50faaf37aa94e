using System.Globalization;
using System.Text.Json;
using StaffCloudSync.Core.Http;

namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>
/// Reading answers: tolerant where tolerance is safe (unknown fields ignored, a missing <c>userGroupIds</c> is an
/// empty set, any ISO 8601 timestamp), strict where guessing is not (a page that is not <c>{"items": [...],
/// "nextCursor": ...}</c>, a record without an id). Shape errors name fields and ids, never a value.
/// </summary>
internal static class MobieTrainRecordParser
{
    /// <summary>The error body (<c>{"error": {"code", "message", "existing"?, "existingKind"?}}</c>); empty when it is not one.</summary>
    public static async Task<MobieTrainErrorBody> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                {
                    return MobieTrainErrorBody.None;
                }

                return new MobieTrainErrorBody(
                    StringOrNull(error, "code"),
                    StringOrNull(error, "message"),
                    error.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.Object ? existing.Clone() : null,
                    StringOrNull(error, "existingKind"));
            }
        }
        catch (JsonException)
        {
            return MobieTrainErrorBody.None;
        }
    }

    public static MobieTrainUserGroup ReadUserGroup(JsonElement element)
    {
        RequireObject(element, "a user group");
        var id = Id(element, "a user group");
        return new MobieTrainUserGroup(id, Text(element, "name", $"user group {id}", required: true)!,
            ExternalIdOf(element, $"user group {id}"));
    }

    public static MobieTrainUser ReadUser(JsonElement element)
    {
        RequireObject(element, "a user");
        var id = Id(element, "a user");
        var what = $"user {id}";
        return new MobieTrainUser(id, ExternalIdOf(element, what), ReadProfile(element, what),
            TextList(element, "userGroupIds", what), Timestamp(element, "registeredAt", what));
    }

    public static MobieTrainInvitation ReadInvitation(JsonElement element)
    {
        RequireObject(element, "an invitation");
        var id = Id(element, "an invitation");
        var what = $"invitation {id}";
        return new MobieTrainInvitation(id, ExternalIdOf(element, what), ReadProfile(element, what),
            TextList(element, "userGroupIds", what), Timestamp(element, "createdAt", what));
    }

    private static MobieTrainProfile ReadProfile(JsonElement element, string what) => new(
        Text(element, "firstName", what, required: false),
        Text(element, "lastName", what, required: false),
        Text(element, "email", what, required: false),
        Text(element, "phone", what, required: false),
        Text(element, "language", what, required: false));

    /// <summary>
    /// An externalId exactly as MobieTrain holds it, white space included: <c>" 12"</c> is another integration's id, not
    /// employee 12 (sync-rules.md, "synced person"), so trimming it would make the sync update or delete a record it never
    /// made. An unusable text (control characters, invalid Unicode) still reads as none, which leaves the record protected.
    /// </summary>
    private static string? ExternalIdOf(JsonElement element, string what)
    {
        var usable = Text(element, "externalId", what, required: false);
        return usable is not null && element.GetProperty("externalId") is { ValueKind: JsonValueKind.String } raw
            ? TextValue.ReadString(raw)
            : usable;
    }

    private static void RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MobieTrainShapeException($"{what} is not a JSON object");
        }
    }

    /// <summary>
    /// A record's id, which goes into the URLs of its writes: only <c>[A-Za-z0-9_-]{1,128}</c> is accepted, anything
    /// else makes the answer invalid (the value itself is not repeated: it could be anything).
    /// </summary>
    private static string Id(JsonElement element, string what)
    {
        var id = Text(element, "id", what, required: true)!;
        return MobieTrainId.IsValid(id) ? id : throw new MobieTrainShapeException($"{what} has an id that is not 1–128 letters, digits, '_' or '-'");
    }

    /// <summary>
    /// A text field; ids sent as numbers are read as their digits. A text that is not valid Unicode or holds control
    /// characters is an invalid value (<see cref="TextValue"/>): absent, so StaffCloud's value replaces it.
    /// </summary>
    private static string? Text(JsonElement element, string name, string what, bool required)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new MobieTrainShapeException($"{what} has no '{name}'") : null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => TextValue.Usable(TextValue.ReadString(value)),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new MobieTrainShapeException($"'{name}' of {what} is not a string"),
        };
        return required && string.IsNullOrEmpty(text) ? throw new MobieTrainShapeException($"{what} has an empty '{name}'") : text;
    }

    private static IReadOnlyList<string> TextList(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new MobieTrainShapeException($"'{name}' of {what} is not a list");
        }

        return [.. value.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => TextValue.ReadString(item) ?? throw new MobieTrainShapeException($"'{name}' of {what} holds an id that is not valid text"),
            JsonValueKind.Number => item.GetRawText(),
            _ => throw new MobieTrainShapeException($"'{name}' of {what} holds something that is not an id"),
        })];
    }

    private static DateTimeOffset? Timestamp(JsonElement element, string name, string what)
    {
        var text = Text(element, name, what, required: false);
        if (text is null)
        {
            return null;
        }

        // ISO 8601 in any of its spellings (Z or an offset, with or without fractions); no offset is read as UTC.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value)
            ? value
            : throw new MobieTrainShapeException($"'{name}' of {what} is not an ISO 8601 timestamp");
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? TextValue.ReadString(value) : null;

    /// <summary>The record a 409 names, or null when it names none we can read (then the list decides).</summary>
    public static T? TryRead<T>(JsonElement? element, Func<JsonElement, T> read)
        where T : class
    {
        if (element is not { } value)
        {
            return null;
        }

        try
        {
            return read(value);
        }
        catch (MobieTrainShapeException)
        {
            return null;
        }
    }
}
