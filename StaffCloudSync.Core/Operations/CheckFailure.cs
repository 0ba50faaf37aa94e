using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Operations;

/// <summary>
/// A failed read of a check in words: the kind and the client's message, which names the tenant and the status and never
/// a secret's value (the clients and the secret store promise that).
/// </summary>
internal static class CheckFailure
{
    public static string Describe(string tenantId, Exception exception) => exception switch
    {
        SyncRunException run => $"{run.Kind}: {run.Message}",
        SecretNotFoundException secret => $"{SyncFailureKind.MissingSecret}: tenant '{tenantId}': {secret.Message}",
        SecretAccessDeniedException denied => $"{SyncFailureKind.Authentication}: tenant '{tenantId}': {denied.Message}",
        _ => $"tenant '{tenantId}': {exception.GetType().Name}: {FirstLine(exception.Message)}",
    };

    /// <summary>Whether a check may turn the exception into a line: everything but the caller's own cancellation.</summary>
    public static bool IsCheckable(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
