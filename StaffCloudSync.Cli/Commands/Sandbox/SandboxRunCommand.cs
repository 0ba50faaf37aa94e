using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Cli.Commands.Sandbox;

internal sealed class SandboxRunSettings : CliSettings
{
    [CommandArgument(0, "<scenario>")]
    [Description("A scenario file (../shared/spec/scenario-format.md)")]
    public string ScenarioPath { get; init; } = string.Empty;
}

/// <summary>
/// <c>sandbox run &lt;scenario.json&gt;</c>: the scenario through the real code path on the simulators. Exit 0 whenever
/// the scenario ran, whatever its runs' statuses (scenario-format.md); an invalid file is exit 2 naming the field.
/// </summary>
internal sealed class SandboxRunCommand(CliContext context) : CliCommand<SandboxRunSettings>(context)
{
    protected override async Task<int> RunAsync(SandboxRunSettings settings, CancellationToken cancellationToken)
    {
        var scenario = await ScenarioReader.ReadFileAsync(settings.ScenarioPath, cancellationToken);
        var result = await ScenarioExecution.RunAsync(Context, settings, scenario, cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(Context.Stdout, ScenarioOutput.ToJson(result));
        }
        else
        {
            ScenarioReport.Write(Context.Output, $"Scenario {Path.GetFileName(settings.ScenarioPath)} — tenant {result.TenantId}", result);
        }

        return ExitCodes.Success;
    }
}
