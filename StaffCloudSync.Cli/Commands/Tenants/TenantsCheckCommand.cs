using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>The read-only "test connection" before a first run (<see cref="TenantCheck"/>); exit 1 when a check failed.</summary>
internal sealed class TenantsCheckCommand(CliContext context) : CliCommand<TenantSettingsBase>(context)
{
    protected override async Task<int> RunAsync(TenantSettingsBase settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Everything);
        TenantCheckReport report;
        try
        {
            report = await host.Get<TenantCheck>().CheckAsync(settings.TenantId, cancellationToken);
        }
        catch (SyncRunException e) when (e.Kind == SyncFailureKind.UnknownTenant)
        {
            throw CliException.TenantNotFound(settings.TenantId);
        }

        Context.Report(report, console => Write(console, report));
        return report.Ok ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void Write(IAnsiConsole console, TenantCheckReport report)
    {
        console.Line($"Checks of tenant {report.TenantId} at {CliFormat.Time(report.At)} (read only: nothing was written)");
        foreach (var check in report.Checks)
        {
            var (word, colour) = check.Result switch
            {
                CheckResult.Pass => ("pass", Style.Plain),
                CheckResult.Warn => ("warn", new Style(Color.Yellow)),
                CheckResult.Fail => ("fail", new Style(Color.Red)),
                _ => ("skip", new Style(Color.Grey)),
            };
            console.Line($"{word,-4}  {check.Name}: {check.Detail}", colour);
        }

        var failed = report.Checks.Count(c => c.Result == CheckResult.Fail);
        var warned = report.Checks.Count(c => c.Result == CheckResult.Warn);
        console.Line(failed > 0
            ? $"{failed} failed, {warned} to read: fix what failed and check again before enabling the tenant"
            : warned > 0 ? $"no check failed; {warned} to read before the first run" : "every check passed");
    }
}
