using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>Writes only if the row still has the ETag read, so two operators editing one tenant cannot silently undo each other.</summary>
internal static class TenantUpdate
{
    public static async Task<int> RunAsync(CliContext context, TenantSettingsBase settings, string action,
        Func<TenantSettings, TenantSettings> change, CancellationToken cancellationToken)
    {
        var tenantId = settings.TenantId;
        await using var host = OperatorHost.Start(context, settings, OperatorNeeds.Storage);
        var store = host.Get<TenantStore>();
        var record = await store.GetAsync(tenantId, cancellationToken) ?? throw CliException.TenantNotFound(tenantId);
        var before = record.Settings ?? throw TenantErrors.Unreadable(record);
        var after = change(before);
        var result = TenantChangeOutput.Result(action, before, after, host.Configuration);
        if (result.Changes.Count == 0 && record.IsValid)
        {
            TenantChangeOutput.Write(context, result with { Action = "unchanged" }, $"Tenant '{tenantId}': nothing to change.", withSecrets: false);
            return ExitCodes.Success;
        }

        var errors = TenantSettingsValidator.Validate(after);
        if (errors.Count > 0)
            throw TenantErrors.Invalid(tenantId, "not changed", errors);

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
        TenantChangeOutput.Write(context, result, $"Tenant '{tenantId}' {action}:", withSecrets: secretsChanged);
        return ExitCodes.Success;
    }
}

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

        // A changed MobieTrain account disables the tenant (sync-rules.md); applied here so the output lists Enabled as changed.
        return TenantUpdate.RunAsync(Context, settings, "updated",
            before => AccountChange.Apply(before, settings.ApplyTo(before)), cancellationToken);
    }
}

internal sealed class TenantsEnableCommand(CliContext context) : CliCommand<TenantSettingsBase>(context)
{
    protected override Task<int> RunAsync(TenantSettingsBase settings, CancellationToken cancellationToken) =>
        TenantUpdate.RunAsync(Context, settings, "enabled", s => s with { Enabled = true }, cancellationToken);
}

internal sealed class TenantsDisableCommand(CliContext context) : CliCommand<TenantSettingsBase>(context)
{
    protected override Task<int> RunAsync(TenantSettingsBase settings, CancellationToken cancellationToken) =>
        TenantUpdate.RunAsync(Context, settings, "disabled", s => s with { Enabled = false }, cancellationToken);
}

/// <summary>What add/update/enable/disable print: the change, and the secrets the tenant's runs will read.</summary>
internal static class TenantChangeOutput
{
    public static TenantChangeResult Result(string action, TenantSettings? before, TenantSettings after, IConfiguration configuration)
    {
        var changes = before is null
            ? []
            : TenantSettingRows.Rows
                .Select(r => new SettingChange(r.Name, r.Value(before), r.Value(after)))
                .Where(c => !Equals(c.From, c.To))
                .ToList();
        var secrets = TenantSecrets.For(after).Select(s => new SecretInstruction(s.Name, s.Holds, TenantSecrets.HowToCreate(configuration, s))).ToList();
        return new TenantChangeResult(after.TenantId, action, changes, TenantSettingRows.Views(after), secrets);
    }

    public static void Write(CliContext context, TenantChangeResult result, string headline, bool withSecrets) => context.Report(result, console =>
    {
        console.Line(headline);
        foreach (var change in result.Changes)
            console.Line($"  {change.Name}: {TenantSettingRows.Text(change.From)} → {TenantSettingRows.Text(change.To)}");

        if (!withSecrets)
            return;

        console.Heading("Secrets its runs read (create any that do not exist yet; values are never shown here)");
        foreach (var secret in result.Secrets)
        {
            console.Line($"  {secret.Name} — {secret.Holds}");
            console.Line($"    {secret.Create}");
        }

        console.Line($"Check them with: staffcloud-sync tenants show {result.TenantId}");
        console.Line($"Preview its next run with: staffcloud-sync sync {result.TenantId} --dry-run");
    });
}
