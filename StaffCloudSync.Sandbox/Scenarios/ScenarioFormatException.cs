namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>An invalid scenario file: <see cref="Field"/> is the JSON path of the offending value (e.g. <c>steps[2].sync.at</c>).</summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public ScenarioFormatException() => Field = string.Empty;

    public ScenarioFormatException(string message, Exception innerException) : base(message, innerException) => Field = string.Empty;

    public string Field { get; }
}
