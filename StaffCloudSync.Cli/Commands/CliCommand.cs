using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Commands;

internal abstract class CliCommand<TSettings>(CliContext context) : AsyncCommand<TSettings>
    where TSettings : CliSettings
{
    protected CliContext Context { get; } = context;

    public sealed override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken) =>
        RunAsync(settings, cancellationToken);

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);
}

/// <summary>Notes that a command is about to run and whether it asked for <c>--json</c>, before any output: Spectre shows help
/// and returns a code of its own when the arguments name no command, which the CLI reports as invalid usage.</summary>
internal sealed class CommandStartInterceptor(CliContext context) : ICommandInterceptor
{
    public void Intercept(CommandContext commandContext, CommandSettings settings)
    {
        context.CommandStarted = true;
        context.Json = settings is CliSettings { Json: true };
    }
}

internal class CliSettings : CommandSettings
{
    [CommandOption("--json"), Description("Write exactly one JSON document to standard output (logs, progress and errors go to standard error)")]
    public bool Json { get; init; }

    [CommandOption("--verbose"), Description("Log information too (default: warnings and errors), on standard error")]
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
    [CommandArgument(0, "<tenant>"), Description("The tenant id (the Tenants table's row key)")]
    public string TenantId { get; init; } = string.Empty;
}
