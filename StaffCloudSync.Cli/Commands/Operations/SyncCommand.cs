using StaffCloudSync.Cli.Commands.Tenants;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Operations;

internal sealed class SyncSettings : TenantSettingsBase
{
    [CommandOption("--dry-run")]
    [Description("Read and plan only: write nothing to MobieTrain, keep any deletion approval; the run is still recorded")]
    public bool DryRun { get; init; }
}

/// <summary>One run now, inline, through <see cref="TenantRunner"/> under the tenant's lease, so it never overlaps a scheduled run.</summary>
internal sealed class SyncCommand(CliContext context) : CliCommand<SyncSettings>(context)
{
    protected override async Task<int> RunAsync(SyncSettings settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Everything);
        using var telemetry = CliTelemetry.Start(host.Configuration);
        await TenantErrors.RequireValidAsync(host.Get<TenantStore>(), settings.TenantId, cancellationToken);

        // A chain past its time budget goes on here at once, each invocation its own run: printed as it ends, or collected for --json.
        var request = new SyncRequest(settings.TenantId, SyncRequest.NewRunId(), RunTrigger.Manual, settings.DryRun);
        var chain = new List<SyncReport>();
        // The wall clock, not the host's: the rate is the pace the operator waits on.
        var live = settings.Json || !Context.Error.Profile.Capabilities.Interactive
            ? null
            : new LiveRunProgress($"{(request.DryRun ? "planning" : "syncing")} tenant {request.TenantId}", TimeProvider.System);
        SyncOutcome outcome;
        try
        {
            outcome = await host.Get<TenantRunner>().RunInlineAsync(request, async (current, run) =>
            {
                // One status per invocation: each invocation's report is printed between them, not under a live line.
                var done = live is null
                    ? await run()
                    : await Context.Error.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(current.TenantId), async status =>
                    {
                        live.Attach(status);
                        try
                        {
                            return await run();
                        }
                        finally
                        {
                            live.Detach();
                        }
                    });
                if (settings.Json)
                    chain.Add(SyncReport.From(done));
                else
                    Write(done);

                return done;
            }, live, cancellationToken);
        }
        catch (TenantBusyException busy)
        {
            throw new CliException(ExitCodes.Failed, $"tenant '{settings.TenantId}' is busy: run {busy.Lease?.HeldByRunId ?? "?"} holds it until "
                + $"{CliFormat.Time(busy.Lease?.HeldUntil)}; try again when it has finished (see: staffcloud-sync runs {settings.TenantId})");
        }

        if (settings.Json)
        {
            if (chain.Count == 0)
                chain.Add(SyncReport.From(outcome));
            JsonOutput.Write(Context.Stdout, new SyncChainReport(chain[^1].Run, chain[^1].Plan, chain));
        }

        // A real run succeeds only as Succeeded; a dry run when it made its plan (its status is what a real run would end as).
        return outcome.Record switch
        {
            { Status: RunStatus.Succeeded } => ExitCodes.Success,
            { DryRun: true, Status: RunStatus.DeletionsHeld } => ExitCodes.Success,
            _ => ExitCodes.Failed,
        };
    }

    private void Write(SyncOutcome outcome)
    {
        var record = outcome.Record;
        var console = Context.Output;
        console.Line($"{(record.DryRun ? "Dry run" : "Run")} {record.RunId} of tenant {record.TenantId} — started {CliFormat.Time(record.StartedAt)}, "
            + $"took {CliFormat.Duration(record.StartedAt, record.EndedAt)}");
        RunReport.Write(console, record, outcome.Plan);
        if (record.Status == RunStatus.Skipped && !record.DryRun)
            console.Line($"Enable it with: staffcloud-sync tenants enable {record.TenantId} (a dry run works while disabled: --dry-run)");
    }
}

/// <summary>One invocation of <c>sync --json</c>'s chain: the run record as stored and the plan the run made, when it got that far.</summary>
internal sealed record SyncReport(RunRecord Run, SyncPlanView? Plan)
{
    public static SyncReport From(SyncOutcome outcome) => new(outcome.Record, outcome.Plan is { } plan ? SyncPlanView.From(plan) : null);
}

/// <summary><c>sync --json</c>'s one document: the last invocation's <c>run</c> and <c>plan</c> (what the exit code reflects; for
/// a chain of one, the document a single run always had) and <c>chain</c>, every invocation's report in order.</summary>
internal sealed record SyncChainReport(RunRecord Run, SyncPlanView? Plan, IReadOnlyList<SyncReport> Chain);

internal sealed record SyncPlanView(DeletionGuardDecision DeletionGuard, IReadOnlyList<PlannedActionView> Actions)
{
    public static SyncPlanView From(SyncPlan plan) => new(plan.DeletionGuard, plan.Actions.Select(PlannedActionView.Of).ToList());
}
