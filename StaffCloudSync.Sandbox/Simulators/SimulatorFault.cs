namespace StaffCloudSync.Sandbox.Simulators;

/// <summary>A scripted failure (scenario-format.md): the next <see cref="Times"/> requests whose path ends with
/// <see cref="Path"/> (and whose method is <see cref="Method"/>, when given) are answered with <see cref="Status"/>.
/// With <see cref="Commit"/> the request is served first and the answer is replaced afterwards — a response lost
/// after the server acted.</summary>
public sealed record SimulatorFault
{
    public string? Method { get; init; }

    public required string Path { get; init; }

    public int Status { get; init; } = 503;

    public int Times { get; init; } = 1;

    public int? RetryAfterSeconds { get; init; }

    public bool Commit { get; init; }

    /// <summary>Keep the connection open without answering until the client gives up (a timeout).</summary>
    public bool Hang { get; init; }

    /// <summary>Close the connection without an answer (a dropped connection).</summary>
    public bool Drop { get; init; }

    /// <summary>This raw body instead of the API's error body: answers the API never gives (garbage, wrong shapes).</summary>
    public string? Body { get; init; }

    /// <summary>The content type <see cref="Body"/> is sent with: a proxy's page is <c>text/html</c>.</summary>
    public string ContentType { get; init; } = "application/json";
}
