using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary><c>tenants add</c>: validates every field (exit 2 naming each), adds the row, and says which secrets to create.</summary>
internal sealed class TenantsAddCommand(CliContext context) : CliCommand<TenantChangeSettings>(context)
{
    protected override async Task<int> RunAsync(TenantChangeSettings settings, CancellationToken cancellationToken)
    {
        var tenant = settings.ApplyTo(new TenantSettings
        {
            TenantId = settings.TenantId,
            StaffCloudApiTenant = string.Empty,
            MobieTrainAccountId = string.Empty,
        });

        // Checked before any setting is read: a typo in an option is found without storage being configured.
        var errors = TenantSettingsValidator.Validate(tenant).ToList();
        (string Field, string? Given, string Message)[] required =
        [
            (nameof(TenantSettings.StaffCloudApiTenant), settings.StaffCloudApiTenant, "is required: the API tenant name of https://<name>.staff.cloud"),
            (nameof(TenantSettings.MobieTrainAccountId), settings.MobieTrainAccountId, "is required: the tenant's MobieTrain account id"),
        ];
        foreach (var (field, _, message) in required.Where(r => r.Given is null))
        {
            errors.RemoveAll(e => e.Field == field);
            errors.Insert(0, new TenantSettingError(tenant.TenantId, field, message));
        }

        if (errors.Count > 0)
            throw TenantErrors.Invalid(settings.TenantId, "not added", errors);

        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Storage);
        try
        {
            await host.Get<TenantStore>().AddAsync(tenant, cancellationToken);
        }
        catch (TenantValidationException e) when (e.Errors.Count > 0)
        {
            // Another row claims its StaffCloud tenant, MobieTrain account or token secret (one tenant per account).
            throw TenantErrors.Invalid(tenant.TenantId, "not added", e.Errors);
        }
        catch (TenantConflictException)
        {
            throw new CliException(ExitCodes.InvalidInput,
                $"tenant '{tenant.TenantId}' already exists — change it with: staffcloud-sync tenants update {tenant.TenantId} [options]");
        }

        var result = TenantChangeOutput.Result("added", null, tenant, host.Configuration);
        TenantChangeOutput.Write(Context, result,
            $"Tenant '{tenant.TenantId}' added ({(tenant.Enabled ? "enabled: the next scheduled run syncs it" : "disabled: scheduled runs skip it until: staffcloud-sync tenants enable " + tenant.TenantId)}).",
            withSecrets: true);
        return ExitCodes.Success;
    }
}
