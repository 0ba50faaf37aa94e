using System.ComponentModel;
using Spectre.Console.Cli;
using StaffCloudSync.Cli.Configuration;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Cli.Commands.Tenants;

internal sealed class AllowDeletionsSettings : TenantSettingsBase
{
    [CommandOption("--granted-by <NAME>")]
    [Description("Who approves, stored with the approval for the audit trail (default: cli)")]
    public string? GrantedBy { get; init; }
}

/// <summary>
/// <c>tenants allow-deletions &lt;tenant&gt;</c>: the one-shot approval that lets the next non-dry run apply the removals
/// the deletion guard would hold (sync-rules.md, "Safety").
/// </summary>
internal sealed class TenantsAllowDeletionsCommand(CliContext context) : CliCommand<AllowDeletionsSettings>(context)
{
    protected override async Task<int> RunAsync(AllowDeletionsSettings settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Storage);
        var store = host.Get<ITenantStore>();
        _ = await store.GetAsync(settings.TenantId, cancellationToken) ?? throw CliException.TenantNotFound(settings.TenantId);
        var approval = await store.AllowDeletionsAsync(settings.TenantId, settings.GrantedBy ?? "cli", cancellationToken);
        var meaning =
            $"The next non-dry run of '{settings.TenantId}' applies every removal of deactivated employees (rule 1), even more than the deletion guard's threshold; " +
            "then the approval is used up and the guard holds again. A dry run neither needs nor uses it. Preview first with: " +
            $"staffcloud-sync sync {settings.TenantId} --dry-run";
        if (settings.Json)
        {
            JsonOutput.Write(Context.Stdout, new { tenantId = settings.TenantId, approval, meaning });
            return ExitCodes.Success;
        }

        Context.Output.Line($"Deletions allowed for tenant '{settings.TenantId}' (approval {approval.Id}, granted {CliFormat.Time(approval.GrantedAt)} by {approval.GrantedBy}).");
        Context.Output.Line(meaning);
        return ExitCodes.Success;
    }
}
