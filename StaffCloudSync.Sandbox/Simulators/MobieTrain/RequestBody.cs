namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>A write's JSON body, telling an absent field from a <c>null</c> one (a PATCH changes only what it sends). Not an
/// object, or a field of the wrong type: 400; a field failing the contract's checks: 422; unknown fields are ignored.</summary>
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

    public string? Text(string name) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw SimulatorApiException.BadRequest($"'{name}' must be a string."),
    };

    public string? NonBlank(string name) => Text(name) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    public IReadOnlyList<string>? Ids(string name) => json[name] switch
    {
        null => null,
        JsonArray array => [.. array.Select(item => item is JsonValue value && value.TryGetValue<string>(out var id)
            ? id
            : throw SimulatorApiException.BadRequest($"'{name}' must be a list of ids."))],
        _ => throw SimulatorApiException.BadRequest($"'{name}' must be a list of ids."),
    };

    public string Name(string field)
    {
        var name = NonBlank(field) ?? throw SimulatorApiException.Invalid($"{field} is required.");
        return name.Length > MaxNameLength
            ? throw SimulatorApiException.Invalid($"{field} is longer than {MaxNameLength} characters.")
            : name;
    }

    public string Language() => NonBlank("language") ?? throw SimulatorApiException.Invalid("language must not be empty.");
}
