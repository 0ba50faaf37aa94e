using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Sandbox.Bench;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Cli.Commands.Sandbox;

internal sealed class BenchSettings : CliSettings
{
    [CommandOption("--suite <NAME>")]
    [Description("A suite to run (repeatable): planning, minimal-writes, bounded-reads, streaming, initial-20k, rate-limit, latency, scaling, notifications; default all")]
    public string[] Suites { get; init; } = [];

    [CommandOption("--markdown")]
    [Description("Print the results as a Markdown table (for docs/performance.md)")]
    public bool Markdown { get; init; }
}

/// <summary>
/// <c>sandbox bench</c>: the performance targets, measured on generated tenants through the real path (or the planner
/// alone); one row per target with what was measured and whether it is met. Exit 1 when a target is missed.
/// </summary>
internal sealed class SandboxBenchCommand(CliContext context) : CliCommand<BenchSettings>(context)
{
    protected override async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var suites = settings.Suites.Length == 0 ? BenchSuites.Names : settings.Suites;
        if (suites.FirstOrDefault(s => !BenchSuites.Names.Contains(s)) is { } unknown)
        {
            throw new CliException(ExitCodes.InvalidInput, $"--suite: unknown suite '{unknown}' (known: {string.Join(", ", BenchSuites.Names)})");
        }

        var storage = Context.Setting("AzureWebJobsStorage") ?? await AzuriteHost.EnsureStartedAsync();
        var options = new ScenarioRunOptions
        {
            StorageConnectionString = storage,
            ConfigureServices = services =>
            {
                services.AddCliLogging(Context, settings.Verbose);
                Context.ConfigureServices?.Invoke(services);
            },
        };
        var progress = new InlineProgress(step => Context.Error.Line($"info: {step}"));
        var results = await BenchSuites.RunAsync(suites, options, progress, cancellationToken);

        if (settings.Json)
        {
            JsonOutput.Write(Context.Stdout, results);
        }
        else if (settings.Markdown)
        {
            Context.Stdout.WriteLine("| target | measured | met |");
            Context.Stdout.WriteLine("| --- | --- | --- |");
            foreach (var result in results)
            {
                Context.Stdout.WriteLine($"| **{result.Name}**: {result.Target} | {result.Measured} | {(result.Met ? "yes" : "**no**")} |");
            }
        }
        else
        {
            Context.Output.Write(Tables.Create("Suite", "Target", "Measured", "Met")
                .Rows(results, result => [result.Name, result.Target, result.Measured, result.Met ? "yes" : "NO"]));
        }

        return results.All(r => r.Met) ? ExitCodes.Success : ExitCodes.Failed;
    }
}
