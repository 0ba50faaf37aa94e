using System.Text.Json.Nodes;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Sandbox.Demo;

namespace StaffCloudSync.Cli.Commands.Sandbox;

internal sealed class SandboxRunSettings : CliSettings
{
    [CommandArgument(0, "<scenario>")]
    [Description("A scenario file (../shared/spec/scenario-format.md)")]
    public string ScenarioPath { get; init; } = string.Empty;
}

/// <summary><c>sandbox run &lt;scenario.json&gt;</c>: the scenario through the real code path on the simulators. Exit 0 whenever
/// the scenario ran, whatever its runs' statuses (scenario-format.md); an invalid file is exit 2 naming the field.</summary>
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

/// <summary><c>sandbox demo</c>: the whole job on the simulators, no Azure account. The scenario is
/// <see cref="DemoScenario.Build"/>, run exactly like <c>sandbox run</c>, closed by one line per run ending with the
/// second run's "nothing to do — 0 writes".</summary>
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
