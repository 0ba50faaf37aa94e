namespace StaffCloudSync.Cli.Commands;

internal class CliSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Write exactly one JSON document to standard output (logs, progress and errors go to standard error)")]
    public bool Json { get; init; }

    [CommandOption("--verbose")]
    [Description("Log information too (default: warnings and errors), on standard error")]
    public bool Verbose { get; init; }
}

internal class OperatorSettings : CliSettings
{
    [CommandOption("--settings <FILE>")]
    [Description("A local.settings.json-style file whose Values are used as app settings, over the environment variables")]
    public string? SettingsFile { get; init; }
}

internal class TenantSettingsBase : OperatorSettings
{
    [CommandArgument(0, "<tenant>")]
    [Description("The tenant id (the Tenants table's row key)")]
    public string TenantId { get; init; } = string.Empty;
}
