using StaffCloudSync.Cli.Configuration;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Core.Operations;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>
/// <c>tenants check &lt;tenant&gt;</c>: the "test connection" before a first run — the row, its secrets (names only), both
/// systems' answers and what the first run would meet (<see cref="TenantCheck"/>; it only reads). Exit 0 when no check
/// failed, 1 when one did; warnings are for the operator to read.
/// </summary>
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

        if (settings.Json)
        {
            JsonOutput.Write(Context.Stdout, report);
        }
        else
        {
            Write(Context.Output, report);
        }

        return report.Ok ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void Write(IAnsiConsole console, TenantCheckReport report)
    {
        console.Line($"Checks of tenant {report.TenantId} at {CliFormat.Time(report.At)} (read only: nothing was written)");
        foreach (var check in report.Checks)
        {
            console.Line($"{Word(check.Result),-4}  {check.Name}: {check.Detail}", Colour(check.Result));
        }

        var failed = report.Checks.Count(c => c.Result == CheckResult.Fail);
        var warned = report.Checks.Count(c => c.Result == CheckResult.Warn);
        console.Line(failed > 0
            ? $"{failed} failed, {warned} to read: fix what failed and check again before enabling the tenant"
            : warned > 0 ? $"no check failed; {warned} to read before the first run" : "every check passed");
    }

    private static string Word(CheckResult result) => result switch
    {
        CheckResult.Pass => "pass",
        CheckResult.Warn => "warn",
        CheckResult.Fail => "fail",
        _ => "skip",
    };

    private static Style Colour(CheckResult result) => result switch
    {
        CheckResult.Warn => new Style(Color.Yellow),
        CheckResult.Fail => new Style(Color.Red),
        CheckResult.Skip => new Style(Color.Grey),
        _ => Style.Plain,
    };
}
