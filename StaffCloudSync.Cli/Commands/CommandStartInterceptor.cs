using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Commands;

/// <summary>
/// Notes that a command is about to run and whether it asked for <c>--json</c>, before any output: Spectre shows help
/// and returns a code of its own when the arguments name no command, which the CLI reports as invalid usage.
/// </summary>
internal sealed class CommandStartInterceptor(CliContext context) : ICommandInterceptor
{
    public void Intercept(CommandContext commandContext, CommandSettings settings)
    {
        context.CommandStarted = true;
        context.Json = settings is CliSettings { Json: true };
    }
}
