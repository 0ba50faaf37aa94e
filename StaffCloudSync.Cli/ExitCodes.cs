namespace StaffCloudSync.Cli;

/// <summary>So scripts can tell "retry later" from "fix the input" from "the run failed"; <c>--help</c> prints the table (docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
    public const int NotFound = 3;
    public const int Configuration = 4;

    /// <summary>The shells' convention for a process stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    public static IReadOnlyList<(int Code, string Meaning)> Table { get; } =
    [
        (Success, "success (sandbox run/demo: the scenario ran, whatever its runs' statuses; sync --dry-run: the plan was made)"),
        (Failed, "the operation ran but failed: a sync run ended Failed, CompletedWithErrors, DeletionsHeld or Skipped; the tenant is busy (another run holds it); a tenant row changed meanwhile"),
        (InvalidInput, "invalid usage or input: unknown command or option, missing argument, invalid scenario file (the field is named), invalid tenant settings (each field is named)"),
        (NotFound, "not found: tenant or run"),
        (Configuration, "configuration or connectivity: a setting missing or invalid, storage or Key Vault unreachable, StaffCloud/MobieTrain unreachable or refusing the credentials (explain)"),
        (Interrupted, "interrupted (Ctrl+C or SIGTERM): the work in progress was stopped; a sync records its run as Failed"),
    ];
}

/// <summary>Ends a command with an exit code and the lines the operator reads on standard error: each names what to fix, none a secret.</summary>
internal sealed class CliException(int exitCode, string message, IReadOnlyList<string>? moreLines = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
    public IReadOnlyList<string> Lines { get; } = [message, .. moreLines ?? []];

    public static CliException TenantNotFound(string tenantId) => new(ExitCodes.NotFound,
        $"tenant '{tenantId}' does not exist — add it with: staffcloud-sync tenants add {tenantId} --staffcloud-tenant <api tenant> --mobietrain-account <account id>");
}
