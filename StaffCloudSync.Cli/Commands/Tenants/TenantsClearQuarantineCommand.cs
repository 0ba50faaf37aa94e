using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>After fixing what kept the tenant failing, the schedule runs it twice a day again without waiting for a success.</summary>
internal sealed class TenantsClearQuarantineCommand(CliContext context) : CliCommand<TenantSettingsBase>(context)
{
    protected override async Task<int> RunAsync(TenantSettingsBase settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Storage);
        var store = host.Get<TenantStore>();
        var before = await store.GetAsync(settings.TenantId, cancellationToken) ?? throw CliException.TenantNotFound(settings.TenantId);
        await store.UpdateHealthAsync(settings.TenantId, h => h.Cleared(), cancellationToken);
        var message = before.Health.IsQuarantined
            ? $"Quarantine of '{settings.TenantId}' cleared (it was quarantined since {before.Health.QuarantinedAt:yyyy-MM-dd HH:mm}Z: {before.Health.QuarantineReason}). Scheduled runs sync it again."
            : $"Tenant '{settings.TenantId}' was not quarantined; its failure count is reset.";
        Context.Report(new { tenantId = settings.TenantId, wasQuarantined = before.Health.IsQuarantined, message }, console => console.Line(message));
        return ExitCodes.Success;
    }
}
