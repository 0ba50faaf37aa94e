using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary><c>tenants update &lt;tenant&gt; [options]</c>: only the options given change; the row's ETag guards the write.</summary>
internal sealed class TenantsUpdateCommand(CliContext context) : CliCommand<TenantChangeSettings>(context)
{
    protected override Task<int> RunAsync(TenantChangeSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.ChangesAnything)
        {
            throw new CliException(ExitCodes.InvalidInput,
                $"nothing to change: give at least one setting option, e.g. staffcloud-sync tenants update {settings.TenantId} --time-zone Europe/Berlin (see --help)");
        }

        // A changed MobieTrain account disables the tenant until an operator enables it again (sync-rules.md); applied here
        // so that the output lists Enabled among the changes.
        return TenantUpdate.RunAsync(Context, settings, settings.TenantId, "updated",
            before => AccountChange.Apply(before, settings.ApplyTo(before)), cancellationToken);
    }
}
