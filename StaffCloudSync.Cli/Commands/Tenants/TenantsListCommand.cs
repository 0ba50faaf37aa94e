using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

internal sealed class TenantsListCommand(CliContext context) : CliCommand<OperatorSettings>(context)
{
    protected override async Task<int> RunAsync(OperatorSettings settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Storage);
        var now = host.Get<TimeProvider>().GetUtcNow();
        var items = await host.Get<TenantStore>().ListAsync(cancellationToken).Select(r => TenantListItem.From(r, now)).ToListAsync(cancellationToken);
        Context.Report(items, console => Write(console, items, now));
        return ExitCodes.Success;
    }

    private static void Write(IAnsiConsole console, List<TenantListItem> items, DateTimeOffset now)
    {
        if (items.Count == 0)
        {
            console.Line("No tenants yet — add one with: staffcloud-sync tenants add <id> --staffcloud-tenant <api tenant> --mobietrain-account <account id>");
            return;
        }

        console.Write(Tables.Create("Tenant", "Enabled", "StaffCloud tenant", "MobieTrain account", "Time zone", "Valid", "Deletion approval",
                "Quarantined")
            .Rows(items, item => [item.TenantId, item.Enabled is { } enabled ? CliFormat.YesNo(enabled) : null, item.StaffCloudApiTenant,
                item.MobieTrainAccountId, item.TimeZone, item.Valid ? "yes" : $"no: {item.Errors.FirstOrDefault()?.Field}: {item.Errors.FirstOrDefault()?.Message}",
                ApprovalText.Brief(item.DeletionApproval, now),
                item.QuarantinedAt is { } since ? $"since {CliFormat.Time(since)}: {item.QuarantineReason}"
                    : item.ConsecutiveFailures > 0 ? $"no ({item.ConsecutiveFailures} failure(s) in a row)" : "no"]));
        console.Line(CliFormat.Count(items.Count, "tenant"));
    }
}
