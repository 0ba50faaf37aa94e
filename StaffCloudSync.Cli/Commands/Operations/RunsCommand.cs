using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Operations;

internal sealed class RunsSettings : TenantSettingsBase
{
    private const int MaxRuns = 200;

    [CommandOption("--max <N>"), Description("How many recent runs to list, newest first (1–200, default 20)")]
    public string? Max { get; init; }

    [CommandOption("--run <RUN-ID>"), Description("Show this one run expanded: skipped records, failures, held deletions")]
    public string? RunId { get; init; }

    public int Count => Max is null ? 20 : int.Parse(Max, NumberStyles.None, CultureInfo.InvariantCulture);

    public override ValidationResult Validate() =>
        Max is null || (int.TryParse(Max, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= MaxRuns)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--max: '{Max}' is not a number of runs from 1 to {MaxRuns}");
}

internal sealed class RunsShowSettings : TenantSettingsBase
{
    [CommandArgument(1, "<run-id>"), Description("The run's id (as `runs <tenant>` lists it)")]
    public string RunId { get; init; } = string.Empty;

    [CommandOption("--csv"), Description("Print the run's results file: one CSV line per person and action (docs/cli.md names the columns)")]
    public bool Csv { get; init; }

    public override ValidationResult Validate() =>
        Csv && Json ? ValidationResult.Error("--csv and --json: choose one") : ValidationResult.Success();
}

/// <summary>Reads the run store directly, not through TenantOperations, so that it needs only the storage settings.</summary>
internal sealed class RunsCommand(CliContext context) : CliCommand<RunsSettings>(context)
{
    protected override async Task<int> RunAsync(RunsSettings settings, CancellationToken cancellationToken)
    {
        await using var host = await OperatorHost.StartAsync(Context, settings, cancellationToken);
        var runs = host.Get<RunStore>();
        if (settings.RunId is { } runId)
        {
            WriteOne(Context, await runs.GetAsync(settings.TenantId, runId, cancellationToken) ?? throw RunNotFound(settings.TenantId, runId));
            return ExitCodes.Success;
        }

        var list = await runs.ListRecentAsync(settings.TenantId, settings.Count, cancellationToken).ToListAsync(cancellationToken);
        Context.Report(list, console => WriteList(console, settings.TenantId, list));
        return ExitCodes.Success;
    }

    public static CliException RunNotFound(string tenantId, string runId) =>
        new(ExitCodes.NotFound, $"run '{runId}' of tenant '{tenantId}' does not exist — list its runs with: staffcloud-sync runs {tenantId}");

    public static void WriteOne(CliContext context, RunRecord run) => context.Report(run, console =>
    {
        console.Line($"Run {run.RunId} of tenant {run.TenantId}");
        console.Line($"Trigger: {run.Trigger} · dry run: {CliFormat.YesNo(run.DryRun)} · started {CliFormat.Time(run.StartedAt)} · ended {CliFormat.Time(run.EndedAt)} · "
            + $"took {CliFormat.Duration(run.StartedAt, run.EndedAt)} (read {CliFormat.Milliseconds(run.Timings.ReadMs)}, plan {CliFormat.Milliseconds(run.Timings.PlanMs)}, apply {CliFormat.Milliseconds(run.Timings.ApplyMs)})");
        RunReport.Write(console, run, plan: null);
    });

    private static void WriteList(IAnsiConsole console, string tenantId, List<RunRecord> runs)
    {
        if (runs.Count == 0)
        {
            console.Line($"No runs of tenant '{tenantId}' yet — run one now with: staffcloud-sync sync {tenantId} --dry-run");
            return;
        }

        console.Write(Tables.Create("Started", "Run", "Trigger", "Dry run", "Status", "Invited", "Updated", "Removed", "Groups", "Skipped", "Failed",
                "Held", "Approval (deleted/covered)", "Duration")
            .NoWrap(0, 1, 4)
            .Rows(Chains(runs), chain =>
            {
                var (run, last, c) = (chain.First, chain.Last, chain.Counts);
                var status = chain.Invocations == 1 ? last.Status.ToString() : $"{last.Status} ({chain.Invocations} invocations)";
                return [CliFormat.Time(run.StartedAt), run.RunId, run.Trigger.ToString(), CliFormat.YesNo(run.DryRun), status,
                    Number(c.Invited + c.InvitationsReplaced), Number(c.UsersUpdated + c.InvitationsUpdated),
                    Number(c.UsersRemoved + c.InvitationsRemoved + c.InvitationsExpired), Number(c.GroupsCreated + c.GroupsRenamed),
                    Number(c.Skipped), Number(c.Failed), Number(c.DeletionsHeld), ApprovalText.Brief(last.Approval),
                    CliFormat.Duration(run.StartedAt, last.EndedAt)];
            }));
        console.Line($"{CliFormat.Count(runs.Count, "run")}, newest first (a run that went on past its time budget is one line with its invocations); expand one with: staffcloud-sync runs {tenantId} --run <run id>");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A run past its time budget and its continuations as one line (sync-rules.md, "Time budget"), counts added up.</summary>
    internal static List<Chain> Chains(IReadOnlyList<RunRecord> newestFirst) =>
        newestFirst
            .GroupBy(r => r.ChainId ?? r.RunId, StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(r => r.Invocation).ThenBy(r => r.StartedAt).ToList();
                var counts = ordered.Skip(1).Aggregate(ordered[0].Counts, (sum, r) => sum.Plus(r.Counts));
                return new Chain(ordered[0], ordered[^1], ordered.Count, counts);
            })
            .OrderByDescending(c => c.First.StartedAt)
            .ToList();

    internal sealed record Chain(RunRecord First, RunRecord Last, int Invocations, SyncCounts Counts);
}

/// <summary><c>--csv</c> prints the very file <c>GET /api/tenants/{id}/runs/{runId}/results</c> answers.</summary>
internal sealed class RunsShowCommand(CliContext context) : CliCommand<RunsShowSettings>(context)
{
    protected override async Task<int> RunAsync(RunsShowSettings settings, CancellationToken cancellationToken)
    {
        await using var host = await OperatorHost.StartAsync(Context, settings, cancellationToken);
        if (!settings.Csv)
        {
            var run = await host.Get<RunStore>().GetAsync(settings.TenantId, settings.RunId, cancellationToken);
            RunsCommand.WriteOne(Context, run ?? throw RunsCommand.RunNotFound(settings.TenantId, settings.RunId));
            return ExitCodes.Success;
        }

        var results = await host.Get<RunResults>().GetAsync(settings.TenantId, settings.RunId, cancellationToken)
            ?? throw RunsCommand.RunNotFound(settings.TenantId, settings.RunId);
        await Context.Stdout.WriteAsync(results.Csv.AsMemory(), cancellationToken);

        // Standard output stays the file; the gap is the operator's to know, not a line of the CSV.
        if (results.OmittedWrites > 0)
        {
            await Context.Stderr.WriteLineAsync(
                $"note: the run record kept the first {RunWrites.MaxItems} writes; {results.OmittedWrites} more are not listed".AsMemory(), cancellationToken);
        }

        return ExitCodes.Success;
    }
}
