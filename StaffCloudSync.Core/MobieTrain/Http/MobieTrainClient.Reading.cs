using System.Globalization;
using System.Text.Json;
using StaffCloudSync.Core.Http;

namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>
/// Reading answers: tolerant where tolerance is safe (unknown fields ignored, a missing <c>userGroupIds</c> is an
/// empty set, any ISO 8601 timestamp), strict where guessing is not (a page that is not <c>{"items": [...],
/// "nextCursor": ...}</c>, a record without an id). Shape errors name fields and ids, never a value.
/// </summary>
public sealed partial class MobieTrainClient
{
    private async Task<(IReadOnlyList<T> Items, string? NextCursor)> ReadPageAsync<T>(
        MobieTrainTarget target, HttpResponseMessage response, string operation, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        using var document = await ParseAsync(target, response, operation, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        try
        {
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("nextCursor", out var next) || next.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                throw new ShapeException("the page is not {\"items\": [...], \"nextCursor\": ...}");
            }

            var list = new List<T>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                list.Add(read(item));
            }

            // An empty cursor cannot be sent back meaningfully: read as the end of the list.
            var cursor = next.ValueKind == JsonValueKind.String && TextValue.ReadString(next) is { Length: > 0 } value ? value : null;
            return (list, cursor);
        }
        catch (ShapeException e)
        {
            throw InvalidResponse(target, operation, e.Message);
        }
    }

    private async Task<T> ReadRecordAsync<T>(
        MobieTrainTarget target, HttpResponseMessage response, string operation, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        using var document = await ParseAsync(target, response, operation, cancellationToken).ConfigureAwait(false);
        try
        {
            return read(document.RootElement);
        }
        catch (ShapeException e)
        {
            throw InvalidResponse(target, operation, e.Message);
        }
    }

    private async Task<JsonDocument> ParseAsync(
        MobieTrainTarget target, HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException)
        {
            throw InvalidResponse(target, operation, $"a {(int)response.StatusCode} whose body is not JSON");
        }
    }

    /// <summary>The error body (<c>{"error": {"code", "message", "existing"?, "existingKind"?}}</c>); empty when it is not one.</summary>
    private static async Task<ErrorBody> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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
                    return ErrorBody.None;
                }

                return new ErrorBody(
                    StringOrNull(error, "code"),
                    StringOrNull(error, "message"),
                    error.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.Object ? existing.Clone() : null,
                    StringOrNull(error, "existingKind"));
            }
        }
        catch (JsonException)
        {
            return ErrorBody.None;
        }
    }

    private static MobieTrainUserGroup ReadUserGroup(JsonElement element)
    {
        RequireObject(element, "a user group");
        var id = Id(element, "a user group");
        return new MobieTrainUserGroup(id, Text(element, "name", $"user group {id}", required: true)!,
            Text(element, "externalId", $"user group {id}", required: false));
    }

    private static MobieTrainUser ReadUser(JsonElement element)
    {
        RequireObject(element, "a user");
        var id = Id(element, "a user");
        var what = $"user {id}";
        return new MobieTrainUser(id, Text(element, "externalId", what, required: false), ReadProfile(element, what),
            TextList(element, "userGroupIds", what), Timestamp(element, "registeredAt", what));
    }

    private static MobieTrainInvitation ReadInvitation(JsonElement element)
    {
        RequireObject(element, "an invitation");
        var id = Id(element, "an invitation");
        var what = $"invitation {id}";
        return new MobieTrainInvitation(id, Text(element, "externalId", what, required: false), ReadProfile(element, what),
            TextList(element, "userGroupIds", what), Timestamp(element, "createdAt", what));
    }

    private static MobieTrainProfile ReadProfile(JsonElement element, string what) => new(
        Text(element, "firstName", what, required: false),
        Text(element, "lastName", what, required: false),
        Text(element, "email", what, required: false),
        Text(element, "phone", what, required: false),
        Text(element, "language", what, required: false));

    private static void RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ShapeException($"{what} is not a JSON object");
        }
    }

    /// <summary>
    /// A record's id, which goes into the URLs of its writes: only <c>[A-Za-z0-9_-]{1,128}</c> is accepted, anything
    /// else makes the answer invalid (the value itself is not repeated: it could be anything).
    /// </summary>
    private static string Id(JsonElement element, string what)
    {
        var id = Text(element, "id", what, required: true)!;
        return MobieTrainId.IsValid(id) ? id : throw new ShapeException($"{what} has an id that is not 1–128 letters, digits, '_' or '-'");
    }

    /// <summary>
    /// A text field; ids sent as numbers are read as their digits. A text that is not valid Unicode or holds control
    /// characters is an invalid value (<see cref="TextValue"/>): absent, so StaffCloud's value replaces it.
    /// </summary>
    private static string? Text(JsonElement element, string name, string what, bool required)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new ShapeException($"{what} has no '{name}'") : null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => TextValue.Usable(TextValue.ReadString(value)),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new ShapeException($"'{name}' of {what} is not a string"),
        };
        return required && string.IsNullOrEmpty(text) ? throw new ShapeException($"{what} has an empty '{name}'") : text;
    }

    private static IReadOnlyList<string> TextList(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ShapeException($"'{name}' of {what} is not a list");
        }

        return [.. value.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => TextValue.ReadString(item) ?? throw new ShapeException($"'{name}' of {what} holds an id that is not valid text"),
            JsonValueKind.Number => item.GetRawText(),
            _ => throw new ShapeException($"'{name}' of {what} holds something that is not an id"),
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
            : throw new ShapeException($"'{name}' of {what} is not an ISO 8601 timestamp");
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? TextValue.ReadString(value) : null;

    private sealed record ErrorBody(string? Code, string? Message, JsonElement? Existing, string? ExistingKind)
    {
        public static ErrorBody None { get; } = new(null, null, null, null);
    }

    /// <summary>An answer that is not what the API returns; turned into an <c>InvalidResponse</c> run failure with context.</summary>
    private sealed class ShapeException(string message) : Exception(message);
}
