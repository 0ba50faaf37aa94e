using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Sandbox.Bench;

namespace StaffCloudSync.Cli.Commands.Sandbox;

internal sealed class BenchSettings : CliSettings
{
    [CommandOption("--suite <NAME>")]
    [Description("A suite to run (repeatable): planning, minimal-writes, bounded-reads, streaming, initial-20k, rate-limit, latency, scaling, continuation, memory, notifications, group-modes, fleet; default all")]
    public string[] Suites { get; init; } = [];

    [CommandOption("--tenants <COUNT>"), Description("fleet: how many generated tenants (default 200)")]
    public int? Tenants { get; init; }

    [CommandOption("--instances <COUNT>"), Description("fleet: how many Functions instances take the queue (default 2)")]
    public int? Instances { get; init; }

    [CommandOption("--concurrency <COUNT>"), Description("fleet: runs per instance at once (default 6, host.json's batchSize + newBatchThreshold)")]
    public int? Concurrency { get; init; }

    [CommandOption("--scale <FACTOR>"), Description("fleet: divide every tenant's staff by this (default 10; 1 is the full-size fleet)")]
    public int? Scale { get; init; }

    [CommandOption("--markdown"), Description("Print the results as a Markdown table (for docs/performance.md)")]
    public bool Markdown { get; init; }
}

/// <summary><c>sandbox bench</c>: one row per performance target, measured on generated tenants; exit 1 when one is missed.</summary>
internal sealed class SandboxBenchCommand(CliContext context) : CliCommand<BenchSettings>(context)
{
    protected override async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var suites = settings.Suites.Length == 0 ? BenchSuites.Names : settings.Suites;
        if (suites.FirstOrDefault(s => !BenchSuites.Names.Contains(s)) is { } unknown)
            throw new CliException(ExitCodes.InvalidInput, $"--suite: unknown suite '{unknown}' (known: {string.Join(", ", BenchSuites.Names)})");

        var storage = Context.Setting("AzureWebJobsStorage") ?? await AzuriteHost.EnsureStartedAsync();
        var options = ScenarioExecution.Options(Context, settings, storage);
        var progress = new InlineProgress(step => Context.Error.Line($"info: {step}"));
        var defaults = new FleetOptions();
        var fleet = new FleetOptions
        {
            Tenants = Positive(settings.Tenants ?? defaults.Tenants, "--tenants"),
            Instances = Positive(settings.Instances ?? defaults.Instances, "--instances"),
            PerInstanceConcurrency = Positive(settings.Concurrency ?? defaults.PerInstanceConcurrency, "--concurrency"),
            Scale = Positive(settings.Scale ?? defaults.Scale, "--scale"),
        };
        var results = await BenchSuites.RunAsync(suites, options, progress, cancellationToken, fleet);

        Context.Report(results, console =>
        {
            if (!settings.Markdown)
            {
                console.Write(Tables.Create("Suite", "Target", "Measured", "Met")
                    .Rows(results, result => [result.Name, result.Target, result.Measured, result.Met ? "yes" : "NO"]));
                return;
            }

            Context.Stdout.WriteLine("| target | measured | met |");
            Context.Stdout.WriteLine("| --- | --- | --- |");
            foreach (var result in results)
                Context.Stdout.WriteLine($"| **{result.Name}**: {result.Target} | {result.Measured} | {(result.Met ? "yes" : "**no**")} |");
        });
        return results.All(r => r.Met) ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new CliException(ExitCodes.InvalidInput, $"{option}: must be at least 1");
}
