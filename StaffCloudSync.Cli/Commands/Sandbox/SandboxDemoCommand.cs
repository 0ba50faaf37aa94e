using System.Text.Json.Nodes;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Sandbox.Demo;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Cli.Commands.Sandbox;

/// <summary>
/// <c>sandbox demo</c>: the whole job on the simulators, no Azure account. The scenario is
/// <see cref="DemoScenario.Build"/> (StaffCloudSync.Sandbox/Demo), run exactly like <c>sandbox run</c>, closed by one
/// line per run ending with the second run's "nothing to do — 0 writes".
/// </summary>
internal sealed class SandboxDemoCommand(CliContext context) : CliCommand<CliSettings>(context)
{
    protected override async Task<int> RunAsync(CliSettings settings, CancellationToken cancellationToken)
    {
        var scenario = DemoScenario.Build();
        var result = await ScenarioExecution.RunAsync(Context, settings, scenario, cancellationToken);
        var summary = ScenarioReport.Summary(result);
        if (settings.Json)
        {
            // The scenario output document, plus the summary lines under a key the scenario format does not use.
            var document = ScenarioOutput.ToJson(result);
            document["summary"] = new JsonArray(summary.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
            JsonOutput.Write(Context.Stdout, document);
            return ExitCodes.Success;
        }

        ScenarioReport.Write(Context.Output, $"Demo — tenant {result.TenantId}", result);
        Context.Output.Heading("Summary");
        foreach (var line in summary)
        {
            Context.Output.Line(line);
        }

        return ExitCodes.Success;
    }
}
