namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// A request the MobieTrain simulator served (answered by its API logic; requests answered by a scripted fault or an
/// outage are only counted by <see cref="SimulatorHost.Requests"/>). <see cref="Status"/> is the status the API logic
/// answered with, before a <c>commit</c> fault replaced it. <see cref="Replayed"/>: an idempotent repeat answered from
/// the stored first answer without acting. The key value is logged here, never the Authorization header.
/// </summary>
public sealed record MobieTrainServedRequest(
    string Method,
    string Path,
    string Query,
    int Status,
    string? IdempotencyKey,
    bool Replayed,
    string? Body)
{
    public bool IsWrite => !string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);
}
