namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>The contract's checks of single request fields (422 when they fail).</summary>
internal static class RequiredFields
{
    /// <summary>A required name: present, not blank, at most 255 characters (422 otherwise).</summary>
    public static string Name(RequestBody body, string field)
    {
        var name = body.Text(field);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw SimulatorApiException.Invalid($"{field} is required.");
        }

        return name.Length > MobieTrainAccountState.MaxNameLength
            ? throw SimulatorApiException.Invalid($"{field} is longer than {MobieTrainAccountState.MaxNameLength} characters.")
            : name;
    }

    public static string Language(RequestBody body) =>
        Blank(body.Text("language")) ?? throw SimulatorApiException.Invalid("language must not be empty.");

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
