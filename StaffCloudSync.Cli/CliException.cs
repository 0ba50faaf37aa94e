namespace StaffCloudSync.Cli;

/// <summary>Ends a command with an exit code and the lines the operator reads on standard error: each names what to fix, none a secret.</summary>
internal sealed class CliException(int exitCode, string message, IReadOnlyList<string>? moreLines = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Lines { get; } = [message, .. moreLines ?? []];

    public static CliException TenantNotFound(string tenantId) => new(ExitCodes.NotFound,
        $"tenant '{tenantId}' does not exist — add it with: staffcloud-sync tenants add {tenantId} --staffcloud-tenant <api tenant> --mobietrain-account <account id>");
}
