using StaffCloudSync.Cli.Configuration;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>
/// A change of an existing tenant's settings, as update/enable/disable make it: read the row, apply the change,
/// validate, and write it only if the row still has the ETag that was read — so two operators editing one tenant at
/// once cannot silently undo each other (the second is told to run again).
/// </summary>
internal static class TenantUpdate
{
    public static async Task<int> RunAsync(CliContext context, OperatorSettings settings, string tenantId, string action,
        Func<TenantSettings, TenantSettings> change, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(context, settings, OperatorNeeds.Storage);
        var store = host.Get<TenantStore>();
        var record = await store.GetAsync(tenantId, cancellationToken) ?? throw CliException.TenantNotFound(tenantId);
        var before = record.Settings ?? throw TenantErrors.Unreadable(record);
        var after = change(before);
        var result = TenantChangeOutput.Result(action, before, after, host.Configuration);
        if (result.Changes.Count == 0 && record.IsValid)
        {
            TenantChangeOutput.Write(context, settings.Json, result with { Action = "unchanged" }, $"Tenant '{tenantId}': nothing to change.", withSecrets: false);
            return ExitCodes.Success;
        }

        var errors = TenantSettingsValidator.Validate(after);
        if (errors.Count > 0)
        {
            throw TenantErrors.Invalid(tenantId, "not changed", errors);
        }

        try
        {
            await store.UpdateAsync(after, record.ETag, cancellationToken);
        }
        catch (TenantValidationException e) when (e.Errors.Count > 0)
        {
            throw TenantErrors.Invalid(tenantId, "not changed", e.Errors);
        }
        catch (TenantConflictException e)
        {
            throw new CliException(ExitCodes.Failed, $"tenant '{tenantId}' not changed: {e.Message}");
        }

        var secretsChanged = result.Changes.Any(c => c.Name is nameof(TenantSettings.StaffCloudTokenSecret) or nameof(TenantSettings.MobieTrainApiKeySecret)
            or nameof(TenantSettings.StaffCloudApiTenant));
        TenantChangeOutput.Write(context, settings.Json, result, $"Tenant '{tenantId}' {action}:", withSecrets: secretsChanged);
        return ExitCodes.Success;
    }
}
