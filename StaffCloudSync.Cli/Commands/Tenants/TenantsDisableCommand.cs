using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary><c>tenants disable &lt;tenant&gt;</c>: scheduled runs skip it; dry runs stay possible.</summary>
internal sealed class TenantsDisableCommand(CliContext context) : CliCommand<TenantSettingsBase>(context)
{
    protected override Task<int> RunAsync(TenantSettingsBase settings, CancellationToken cancellationToken) =>
        TenantUpdate.RunAsync(Context, settings, settings.TenantId, "disabled", s => s with { Enabled = false }, cancellationToken);
}
