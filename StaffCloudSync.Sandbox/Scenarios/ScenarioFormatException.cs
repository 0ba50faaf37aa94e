namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>An invalid scenario file: <see cref="Field"/> is the JSON path of the offending value (e.g. <c>steps[2].sync.at</c>).</summary>
public sealed class ScenarioFormatException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
}
