using System.Text.Json.Serialization;

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
