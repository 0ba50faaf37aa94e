using System.Text.Json.Nodes;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Sandbox.Demo;

namespace StaffCloudSync.Cli.Commands.Sandbox;

internal sealed class SandboxRunSettings : CliSettings
{
    [CommandArgument(0, "<scenario>"), Description("A scenario file (../shared/spec/scenario-format.md)")]
    public string ScenarioPath { get; init; } = string.Empty;
}

/// <summary><c>sandbox run</c>: exit 0 whenever the scenario ran, whatever its runs' statuses (scenario-format.md).</summary>
internal sealed class SandboxRunCommand(CliContext context) : CliCommand<SandboxRunSettings>(context)
{
    protected override async Task<int> RunAsync(SandboxRunSettings settings, CancellationToken cancellationToken)
    {
        var scenario = await ScenarioReader.ReadFileAsync(settings.ScenarioPath, cancellationToken);
        var result = await ScenarioExecution.RunAsync(Context, settings, scenario, cancellationToken);
        Context.Report(ScenarioOutput.ToJson(result),
            console => ScenarioReport.Write(console, $"Scenario {Path.GetFileName(settings.ScenarioPath)} — tenant {result.TenantId}", result));
        return ExitCodes.Success;
    }
}

/// <summary><c>sandbox demo</c>: <see cref="DemoScenario.Build"/> run like <c>sandbox run</c>, closed by one line per run.</summary>
internal sealed class SandboxDemoCommand(CliContext context) : CliCommand<CliSettings>(context)
{
    protected override async Task<int> RunAsync(CliSettings settings, CancellationToken cancellationToken)
    {
        var result = await ScenarioExecution.RunAsync(Context, settings, DemoScenario.Build(), cancellationToken);
        var summary = ScenarioReport.Summary(result);

        // The scenario output document, plus the summary lines under a key the scenario format does not use.
        var document = ScenarioOutput.ToJson(result);
        document["summary"] = new JsonArray(summary.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
        Context.Report(document, console =>
        {
            ScenarioReport.Write(console, $"Demo — tenant {result.TenantId}", result);
            console.Heading("Summary");
            foreach (var line in summary)
                console.Line(line);
        });
        return ExitCodes.Success;
    }
}

/// <summary>A scenario on <c>AzureWebJobsStorage</c>, else a private Azurite, with a spinner on a terminal.</summary>
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
