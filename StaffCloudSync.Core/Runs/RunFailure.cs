using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs;

/// <summary>
/// Turns whatever ended a run into a reason an operator can act on. Unknown errors count as transient (a retry
/// is cheap and safe: every write is idempotent), but their type is named so they can be recognised.
/// </summary>
internal sealed record RunFailure(SyncFailureKind Kind, string Message)
{
    public bool IsTransient => Kind is SyncFailureKind.Unavailable;

    public string Reason => $"{Kind}: {Message}";

    /// <summary>The run's end: <c>Failed</c> with this reason (and <paramref name="suffix"/>, what the run had got to).</summary>
    public RunEnd End(string? suffix = null) => new(RunStatus.Failed, Reason + suffix, Kind);

    /// <summary>Null for a cancellation of the whole host, which must propagate rather than be recorded as a failure.</summary>
    public static RunFailure? From(string tenantId, Exception exception) => exception switch
    {
        SyncRunException run => new RunFailure(run.Kind, run.Message),
        SecretNotFoundException secret => new RunFailure(SyncFailureKind.MissingSecret,
            $"tenant '{tenantId}': {secret.Message} Create it in Key Vault (see docs/operations.md)."),
        SecretAccessDeniedException denied => new RunFailure(SyncFailureKind.Authentication, $"tenant '{tenantId}': {denied.Message}"),
        OperationCanceledException => null,
        _ => new RunFailure(SyncFailureKind.Unavailable, $"tenant '{tenantId}': unexpected {exception.GetType().Name}: {exception.Message}"),
    };
}
