namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>An answer of the MobieTrain simulator, kept as bytes so that an idempotent replay returns exactly the first answer.</summary>
internal sealed record SimulatorResponse(int Status, byte[]? Body, int? RetryAfterSeconds = null)
{
    public static SimulatorResponse NoContent { get; } = new(204, null);

    public static SimulatorResponse Json<T>(int status, T value) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(value, MobieTrainSimulatorJson.Options));

    public static SimulatorResponse Error(int status, string code, string message, int? retryAfterSeconds = null) =>
        Json(status, new ErrorEnvelope(new ErrorDetail(code, message))) with { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>409 naming the record in the way, so a client can tell its own earlier create from someone else's record.</summary>
    public static SimulatorResponse Conflict(string message, object existing, string existingKind) =>
        Json(409, new ErrorEnvelope(new ErrorDetail("conflict", message, existing, existingKind)));

    private sealed record ErrorEnvelope(ErrorDetail Error);

    private sealed record ErrorDetail(
        string Code,
        string Message,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Existing = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExistingKind = null);
}

/// <summary>Ends serving a request with an error answer from deep inside the account's logic.</summary>
internal sealed class SimulatorApiException(SimulatorResponse response) : Exception($"Simulated API error {response.Status}")
{
    public SimulatorResponse Response { get; } = response;

    public static SimulatorApiException BadRequest(string message) => new(SimulatorResponse.Error(400, "invalid_request", message));

    public static SimulatorApiException NotFound(string message) => new(SimulatorResponse.Error(404, "not_found", message));

    public static SimulatorApiException Invalid(string message) => new(SimulatorResponse.Error(422, "validation", message));
}

/// <summary>A write's JSON body, telling an absent field from a <c>null</c> one (a PATCH changes only what it sends).</summary>
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
