using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Commands;

/// <summary>A command with the CLI's context: its output streams and consoles, environment and test hooks.</summary>
internal abstract class CliCommand<TSettings>(CliContext context) : AsyncCommand<TSettings>
    where TSettings : CliSettings
{
    protected CliContext Context { get; } = context;

    public sealed override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return RunAsync(settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);
}
