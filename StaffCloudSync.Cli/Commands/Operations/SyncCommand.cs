using System.ComponentModel;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Cli;
using StaffCloudSync.Cli.Configuration;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Core.Dispatch;
using StaffCloudSync.Core.Leases;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Cli.Commands.Operations;

internal sealed class SyncSettings : TenantSettingsBase
{
    [CommandOption("--dry-run")]
    [Description("Read and plan only: write nothing to MobieTrain, keep any deletion approval; the run is still recorded")]
    public bool DryRun { get; init; }
}

/// <summary>
/// <c>sync &lt;tenant&gt; [--dry-run]</c>: one run now, inline, through the tenant-sync service the queue function calls,
/// under the tenant's lease as the queue handler takes it — so it never overlaps a scheduled run. A busy tenant is not
/// waited for: the command says which run holds it and until when.
/// </summary>
internal sealed class SyncCommand(CliContext context) : CliCommand<SyncSettings>(context)
{
    protected override async Task<int> RunAsync(SyncSettings settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Everything);
        await TenantChecks.RequireValidAsync(host.Get<TenantStore>(), settings.TenantId, cancellationToken);

        var runId = SyncRequest.NewRunId();
        var leases = host.Get<ITenantLeases>();
        var duration = host.Get<IOptions<DispatchOptions>>().Value.LeaseDuration;
        var lease = await leases.TryAcquireAsync(settings.TenantId, runId, duration, cancellationToken);
        if (!lease.Acquired)
        {
            throw new CliException(ExitCodes.Failed,
                $"tenant '{settings.TenantId}' is busy: run {lease.HeldByRunId ?? "?"} holds it until {CliFormat.Time(lease.HeldUntil)}; try again when it has finished (see: staffcloud-sync runs {settings.TenantId})");
        }

        SyncOutcome outcome;
        try
        {
            // Renewed while the run is active, as the queue handler does: a long run from a laptop must not let a scheduled run in.
            // A run that stops at its time budget goes on here at once, under the same lease, each invocation its own run.
            await using var renewal = host.Get<TenantLeaseKeeper>().Keep(settings.TenantId, runId, duration);
            var request = new SyncRequest(settings.TenantId, runId, RunTrigger.Manual, settings.DryRun);
            var sync = host.Get<TenantSyncService>();
            while (true)
            {
                var current = request;
                outcome = settings.Json || !Context.Error.Profile.Capabilities.Interactive
                    ? await sync.RunAsync(current, cancellationToken)
                    : await Context.Error.Status().Spinner(Spinner.Known.Dots)
                        .StartAsync($"{(settings.DryRun ? "planning" : "syncing")} tenant {Markup.Escape(settings.TenantId)}", _ => sync.RunAsync(current, cancellationToken));
                if (outcome.Continuation is not { } next)
                {
                    break;
                }

                Write(settings, outcome);
                request = next;
            }
        }
        finally
        {
            // Given back even when the run was interrupted: the next run must not wait out the lease.
            await leases.ReleaseAsync(settings.TenantId, runId, CancellationToken.None);
        }

        Write(settings, outcome);
        return ExitCode(outcome.Record);
    }

    /// <summary>A real run succeeds only as Succeeded; a dry run when it made its plan (its status is what a real run would end as).</summary>
    internal static int ExitCode(RunRecord record) => record switch
    {
        { Status: RunStatus.Succeeded } => ExitCodes.Success,
        { DryRun: true, Status: RunStatus.DeletionsHeld } => ExitCodes.Success,
        _ => ExitCodes.Failed,
    };

    private void Write(SyncSettings settings, SyncOutcome outcome)
    {
        if (settings.Json)
        {
            JsonOutput.Write(Context.Stdout, SyncReport.From(outcome));
            return;
        }

        var record = outcome.Record;
        var console = Context.Output;
        console.Line($"{(record.DryRun ? "Dry run" : "Run")} {record.RunId} of tenant {record.TenantId} — started {CliFormat.Time(record.StartedAt)}, took {CliFormat.Duration(record.StartedAt, record.EndedAt)}");
        RunReport.Write(console, record, outcome.Plan);
        if (record.Status == RunStatus.Skipped && !record.DryRun)
        {
            console.Line($"Enable it with: staffcloud-sync tenants enable {record.TenantId} (a dry run works while disabled: --dry-run)");
        }
    }
}
