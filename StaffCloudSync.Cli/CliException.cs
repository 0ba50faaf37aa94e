namespace StaffCloudSync.Cli;

/// <summary>
/// Ends a command with an exit code (<see cref="ExitCodes"/>) and the lines the operator reads on standard error:
/// each names what to fix, and none carries a secret.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, IReadOnlyList<string>? moreLines = null)
        : base(message)
    {
        ExitCode = exitCode;
        Lines = [message, .. moreLines ?? []];
    }

    public CliException() : this(ExitCodes.Failed, "failed") { }

    public CliException(string message) : this(ExitCodes.Failed, message) { }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
        ExitCode = ExitCodes.Failed;
        Lines = [message];
    }

    public int ExitCode { get; }

    public IReadOnlyList<string> Lines { get; }

    public static CliException TenantNotFound(string tenantId) => new(ExitCodes.NotFound,
        $"tenant '{tenantId}' does not exist — add it with: staffcloud-sync tenants add {tenantId} --staffcloud-tenant <api tenant> --mobietrain-account <account id>");
}
