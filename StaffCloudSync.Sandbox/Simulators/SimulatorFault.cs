namespace StaffCloudSync.Sandbox.Simulators;

/// <summary>A scripted failure (scenario-format.md) for the next <see cref="Times"/> requests whose path ends with <see cref="Path"/>.
/// With <see cref="Commit"/> the request is served first and its answer replaced: a response lost after the server acted.</summary>
public sealed record SimulatorFault
{
    public string? Method { get; init; }
    public required string Path { get; init; }
    public int Status { get; init; } = 503;
    public int Times { get; init; } = 1;
    public int? RetryAfterSeconds { get; init; }
    public bool Commit { get; init; }

    public bool Hang { get; init; } // no answer until the client gives up
    public bool Drop { get; init; } // the connection closed without an answer

    /// <summary>This raw body instead of the API's error body: answers the API never gives (garbage, wrong shapes).</summary>
    public string? Body { get; init; }
    public string ContentType { get; init; } = "application/json";
}
