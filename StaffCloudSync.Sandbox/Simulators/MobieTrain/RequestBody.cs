namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>A write's JSON body, telling a field that is absent from one sent as <c>null</c> (a PATCH changes only what it
/// sends). A body that is not a JSON object, or a field of the wrong type, is a 400; unknown fields are ignored.
/// Failed checks of the contract on single fields are 422.</summary>
internal sealed class RequestBody(JsonObject json)
{
    private const int MaxNameLength = 255;

    public static RequestBody Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            if (JsonNode.Parse(utf8) is JsonObject json)
                return new RequestBody(json);
        }
        catch (JsonException)
        {
        }

        throw SimulatorApiException.BadRequest("The body must be a JSON object.");
    }

    public bool Has(string name) => json.ContainsKey(name);

    /// <summary>The field's text; null when absent or null.</summary>
    public string? Text(string name) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw SimulatorApiException.BadRequest($"'{name}' must be a string."),
    };

    /// <summary>The field's text; null when absent, null or blank.</summary>
    public string? NonBlank(string name) => Text(name) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>A list of ids; null when absent or null.</summary>
    public IReadOnlyList<string>? Ids(string name) => json[name] switch
    {
        null => null,
        JsonArray array => [.. array.Select(item => item is JsonValue value && value.TryGetValue<string>(out var id)
            ? id
            : throw SimulatorApiException.BadRequest($"'{name}' must be a list of ids."))],
        _ => throw SimulatorApiException.BadRequest($"'{name}' must be a list of ids."),
    };

    /// <summary>A required name: present, not blank, at most 255 characters.</summary>
    public string Name(string field)
    {
        var name = NonBlank(field) ?? throw SimulatorApiException.Invalid($"{field} is required.");
        return name.Length > MaxNameLength
            ? throw SimulatorApiException.Invalid($"{field} is longer than {MaxNameLength} characters.")
            : name;
    }

    public string Language() => NonBlank("language") ?? throw SimulatorApiException.Invalid("language must not be empty.");
}
