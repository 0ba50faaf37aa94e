using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>Only storage must be configured: without a usable secret store the secrets show as unknown.</summary>
internal sealed class TenantsShowCommand(CliContext context) : CliCommand<TenantSettingsBase>(context)
{
    protected override async Task<int> RunAsync(TenantSettingsBase settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Storage);
        var record = await host.Get<TenantStore>().GetAsync(settings.TenantId, cancellationToken) ?? throw CliException.TenantNotFound(settings.TenantId);
        var details = await DetailsAsync(host, record, cancellationToken);
        Context.Report(details, console => Write(console, details));
        return ExitCodes.Success;
    }

    private static async Task<TenantDetails> DetailsAsync(OperatorHost host, TenantRecord record, CancellationToken cancellationToken)
    {
        var secrets = new List<SecretView>();
        string? problem = null;
        if (record.Settings is { } settings)
        {
            ISecretStore? store = null;
            try
            {
                store = host.Get<ISecretStore>();
            }
            catch (OptionsValidationException e)
            {
                problem = $"secret store not usable: {string.Join("; ", e.Failures)}";
            }

            foreach (var secret in TenantSecrets.For(settings))
            {
                var state = store is null ? "unknown" : await TenantSecrets.StateAsync(store, secret.Name, cancellationToken);
                secrets.Add(new SecretView(secret.Name, secret.Holds, state));
            }
        }

        var now = host.Get<TimeProvider>().GetUtcNow();
        return new TenantDetails(record.TenantId, record.IsValid, SettingErrorView.From(record.Errors), TenantSettingRows.Views(record.Settings), secrets, problem,
            record.DeletionApproval, record.DeletionApproval?.IsInForceAt(now) ?? false, record.DeletionApproval is { } a ? ApprovalText.Describe(a, now) : null);
    }

    private static void Write(IAnsiConsole console, TenantDetails details)
    {
        console.Line($"Tenant {details.TenantId}: {(details.Valid ? "valid" : "INVALID — its runs fail until the settings below are fixed")}");
        if (details.Settings.Count > 0)
        {
            console.Write(Tables.Create("Setting", "Value", "Default").Rows(details.Settings, setting =>
                [setting.Name, TenantSettingRows.Text(setting.Value), setting.IsDefault is { } isDefault ? CliFormat.YesNo(isDefault) : "required"]));
        }

        foreach (var error in details.Errors)
            console.Line($"problem: {TenantSettingRows.Option(error.Field)}: {error.Message}", new Style(Color.Red));

        if (details.Secrets.Count > 0)
        {
            console.Heading("Secrets (names only; values are never shown)");
            console.Write(Tables.Create("Secret", "Holds", "State")
                .Rows(details.Secrets, secret => [secret.Name, secret.Holds, secret.State]));
            if (details.SecretStoreProblem is { } problem)
                console.Line(problem, new Style(Color.Yellow));
        }

        console.Line(details.DeletionApprovalText is { } approval
            ? $"Deletion approval{(details.DeletionApprovalInForce ? string.Empty : " (no longer in force; the next real run clears it)")}: {approval}"
            : "Deletion approval: none");
    }
}
