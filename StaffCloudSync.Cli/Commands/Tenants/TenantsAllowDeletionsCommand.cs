using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

internal sealed class AllowDeletionsSettings : TenantSettingsBase
{
    [CommandOption("--granted-by <NAME>"), Description("Who approves, stored with the approval for the audit trail (default: cli)")]
    public string? GrantedBy { get; init; }
}

/// <summary>Approves exactly what the latest <c>DeletionsHeld</c> run held (sync-rules.md, "Approval of held deletions").</summary>
internal sealed class TenantsAllowDeletionsCommand(CliContext context) : CliCommand<AllowDeletionsSettings>(context)
{
    protected override async Task<int> RunAsync(AllowDeletionsSettings settings, CancellationToken cancellationToken)
    {
        await using var host = await OperatorHost.StartAsync(Context, settings, cancellationToken);
        var approval = await host.Get<DeletionApprovals>().GrantAsync(settings.TenantId, settings.GrantedBy ?? "cli", cancellationToken);
        var meaning =
            $"The next non-dry runs of '{settings.TenantId}' apply the deletions of these {approval.Employees.Count} person(s) that are still planned, whatever the deletion guard's threshold; " +
            "any other deletion still counts in the guard. The approval is used up once none of them is left, and lapses at its expiry. A dry run neither uses nor changes it. Preview first with: " +
            $"staffcloud-sync sync {settings.TenantId} --dry-run";
        Context.Report(new { tenantId = settings.TenantId, approval, meaning }, console =>
        {
            console.Line($"Deletions allowed for tenant '{settings.TenantId}': {ApprovalText.Describe(approval, approval.GrantedAt)}.");
            console.Line(meaning);
        });
        return ExitCodes.Success;
    }
}
