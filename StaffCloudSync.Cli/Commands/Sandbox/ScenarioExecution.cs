using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Sandbox.Hosting;

namespace StaffCloudSync.Cli.Commands.Sandbox;

/// <summary>A scenario as <c>sandbox run</c> and <c>demo</c> run it: on <c>AzureWebJobsStorage</c>, else a private Azurite (the
/// process entry stops it on every exit path), with a spinner on a terminal fed by the steps and the runs' progress.</summary>
internal static class ScenarioExecution
{
    public static async Task<ScenarioResult> RunAsync(CliContext context, CliSettings settings, Scenario scenario, CancellationToken cancellationToken)
    {
        var storage = context.Setting("AzureWebJobsStorage") ?? await PrivateAzuriteAsync();
        var console = context.Error;
        var interactive = !settings.Json && console.Profile.Capabilities.Interactive;
        var options = Options(context, settings, storage);

        if (!interactive)
        {
            // No terminal to animate: progress is a log line, shown with --verbose like the other information.
            var progress = settings.Verbose ? new InlineProgress(step => console.Line($"info: sandbox: {step}")) : null;
            return await ScenarioRunner.RunAsync(scenario, options with { Progress = progress }, cancellationToken);
        }

        // Steps label the line; each sync step's runs add their phase and writes to it (the wall clock: the scenario's stands still).
        var live = new LiveRunProgress("starting the sandbox", TimeProvider.System);
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync("starting the sandbox", status =>
        {
            live.Attach(status);
            return ScenarioRunner.RunAsync(scenario, options with { Progress = new InlineProgress(live.Label), RunProgress = live }, cancellationToken);
        });
    }

    /// <summary>The runner's options on the given storage, with the CLI's logging and a test's services.</summary>
    public static ScenarioRunOptions Options(CliContext context, CliSettings settings, string storage) => new()
    {
        StorageConnectionString = storage,
        ConfigureServices = services =>
        {
            services.AddCliLogging(context, settings.Verbose);
            context.ConfigureServices?.Invoke(services);
        },
    };

    private static async Task<string> PrivateAzuriteAsync()
    {
        try
        {
            return await AzuriteHost.EnsureStartedAsync();
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(ExitCodes.Configuration,
                $"storage: no AzureWebJobsStorage is set and a private Azurite could not be started: {CliErrors.FirstLine(e.Message)} — set AzureWebJobsStorage to a running Azurite or storage account");
        }
    }
}

/// <summary>Reports on the caller's thread, at once. <see cref="Progress{T}"/> posts to the thread pool, so its last report
/// could land after the spinner it feeds has stopped, in the middle of the report.</summary>
internal sealed class InlineProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
