using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary><c>tenants enable &lt;tenant&gt;</c>: scheduled runs sync it again.</summary>
internal sealed class TenantsEnableCommand(CliContext context) : CliCommand<TenantSettingsBase>(context)
{
    protected override Task<int> RunAsync(TenantSettingsBase settings, CancellationToken cancellationToken) =>
        TenantUpdate.RunAsync(Context, settings, settings.TenantId, "enabled", s => s with { Enabled = true }, cancellationToken);
}
