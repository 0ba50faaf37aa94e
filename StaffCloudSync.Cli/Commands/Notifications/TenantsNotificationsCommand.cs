using Microsoft.Extensions.Options;
using StaffCloudSync.Cli.Commands.Tenants;
using StaffCloudSync.Cli.Configuration;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Scheduling.Notifications.Registration;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Cli.Commands.Notifications;

/// <summary>
/// <c>tenants notifications &lt;tenant&gt;</c>: the URL to configure in StaffCloud for the tenant's early runs (its secret
/// only with <c>--show-secret</c>), the line that creates or rotates that secret, and — with <c>--register</c> or
/// <c>--unregister</c> — the tenant's StaffCloud webhooks made or removed through <c>/webhooks</c>: the only writes the
/// product makes to StaffCloud, and only here, at an operator's word. <c>--register</c> then sets the tenant's
/// <c>Notifications</c> (the receiver reads no secret for a tenant without it) and <c>--unregister</c> clears it.
/// </summary>
internal sealed class TenantsNotificationsCommand(CliContext context) : CliCommand<NotificationsSettings>(context)
{
    // A fresh random value made by the operator's shell: the CLI never prints a secret it did not have to.
    private const string NewSecret = "\"$(openssl rand -hex 32)\"";

    protected override async Task<int> RunAsync(NotificationsSettings settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Storage, services => services.AddStaffCloudWebhookRegistration());
        var record = await host.Get<TenantStore>().GetAsync(settings.TenantId, cancellationToken) ?? throw CliException.TenantNotFound(settings.TenantId);
        var tenant = record.Settings ?? throw TenantErrors.Unreadable(record);
        var baseUrl = BaseUrl(settings, host);
        var secretName = tenant.EffectiveWebhookSecret;
        var needsSecret = settings.ShowSecret || settings.Register;
        var secret = needsSecret ? await host.Get<ISecretStore>().GetSecretAsync(secretName, cancellationToken) : null;

        IReadOnlyList<WebhookChange> changes = [];
        if (settings.Register || settings.Unregister)
        {
            var url = baseUrl ?? throw new CliException(ExitCodes.Configuration,
                $"--{(settings.Register ? "register" : "unregister")} needs the Functions app's address: give --base-url or the setting {NotificationOptions.SectionName}__{nameof(NotificationOptions.PublicBaseUrl)}");
            if (settings.Register && !record.IsValid)
            {
                // Refused before StaffCloud is called: the flag could not be written on an invalid row.
                throw TenantErrors.Invalid(tenant.TenantId, "not registered", record.Errors);
            }

            changes = await ChangeWebhooksAsync(host.Get<WebhookRegistration>(), TenantTargets.StaffCloud(tenant), url, secret, settings.Register, cancellationToken);
            await SetNotificationsAsync(host.Get<TenantStore>(), record, tenant, settings.Register, cancellationToken);
        }

        var view = new NotificationsView(
            tenant.TenantId,
            baseUrl is null ? $"https://<function app>.azurewebsites.net/{NotificationUrl.RoutePrefix}/{NotificationUrl.Route.Replace("{tenantId}", tenant.TenantId, StringComparison.Ordinal)}?secret=<{secretName}>"
                : secret is not null && settings.ShowSecret ? NotificationUrl.For(baseUrl, tenant.TenantId, secret).AbsoluteUri
                : $"{NotificationUrl.PathOf(baseUrl, tenant.TenantId)}?secret=<{secretName}>",
            settings.ShowSecret,
            secretName,
            TenantSecrets.HowToCreate(host.Configuration, new TenantSecret(secretName, "the notification URL's secret", NewSecret)),
            NotificationBody.Events,
            DurationText.Format(tenant.WebhookDebounce),
            DurationText.Format(tenant.WebhookMinInterval),
            [.. changes.Select(c => new WebhookChangeView(c.Trigger, c.Action.ToString().ToLowerInvariant(), c.Id))],
            settings.Register || (!settings.Unregister && tenant.Notifications));
        if (settings.Json)
        {
            JsonOutput.Write(Context.Stdout, view);
        }
        else
        {
            Write(view, record);
        }

        return ExitCodes.Success;
    }

    private static Uri? BaseUrl(NotificationsSettings settings, OperatorHost host)
    {
        if (settings.BaseUrl is { } given)
        {
            var uri = Uri.TryCreate(given.Trim(), UriKind.Absolute, out var parsed) ? parsed : null;
            return NotificationOptionsValidator.IsUsable(uri) ? uri
                : throw new CliException(ExitCodes.InvalidInput, $"--base-url '{given}' is not an https address without query or fragment (http only on loopback)");
        }

        // Reading .Value runs the options' validator: a bad setting is named as such (exit 4).
        return host.Get<IOptions<NotificationOptions>>().Value.PublicBaseUri;
    }

    /// <summary>After the webhooks changed: a registered tenant's notifications are read, an unregistered one's refused unread.</summary>
    private static async Task SetNotificationsAsync(TenantStore store, TenantRecord record, TenantSettings tenant, bool registered, CancellationToken cancellationToken)
    {
        if (tenant.Notifications == registered)
        {
            return;
        }

        var outcome = $"webhooks {(registered ? "registered" : "removed")}, but Notifications not set to {(registered ? "true" : "false")}";
        try
        {
            await store.UpdateAsync(tenant with { Notifications = registered }, record.ETag, cancellationToken);
        }
        catch (TenantValidationException e) when (e.Errors.Count > 0)
        {
            throw TenantErrors.Invalid(tenant.TenantId, outcome, e.Errors);
        }
        catch (TenantConflictException e)
        {
            throw new CliException(ExitCodes.Failed, $"tenant '{tenant.TenantId}': {outcome}: {e.Message}; run the command again");
        }
    }

    private static async Task<IReadOnlyList<WebhookChange>> ChangeWebhooksAsync(
        WebhookRegistration registration, Core.Partners.StaffCloud.StaffCloudTarget target, Uri baseUrl, string? secret, bool register, CancellationToken cancellationToken)
    {
        try
        {
            return register
                ? await registration.RegisterAsync(target, baseUrl, secret!, cancellationToken)
                : await registration.UnregisterAsync(target, baseUrl, cancellationToken);
        }
        catch (WebhookRegistrationException e)
        {
            throw new CliException(ExitCodes.Configuration, e.Message);
        }
    }

    private void Write(NotificationsView view, TenantRecord record)
    {
        var console = Context.Output;
        console.Line($"StaffCloud notifications of tenant {view.TenantId}: early runs {view.Debounce} after a change, at most one per {view.MinInterval}");
        if (!record.IsValid || record.Settings is { Enabled: false })
        {
            console.Line("The tenant is disabled or its row is invalid: its notifications make no runs until that is fixed.");
        }

        console.Line(view.Notifications
            ? "Notifications = true: the tenant's notifications are read."
            : "Notifications = false: its notifications are refused (401) without reading the secret; --register sets it.");
        console.Heading("URL to configure in StaffCloud (POST, for each trigger below)");
        console.Line(view.Url);
        if (!view.SecretShown)
        {
            console.Line($"(the secret is Key Vault secret {view.SecretName}; --show-secret prints the URL with it)");
        }

        console.Heading("Triggers");
        console.Line(string.Join(", ", view.Triggers));
        console.Heading("Create or rotate the secret (then run this command with --register again)");
        console.Line(view.CreateSecret);
        if (view.Webhooks.Count > 0)
        {
            console.Write(Tables.Create("Trigger", "Webhook", "Id")
                .Rows(view.Webhooks, change => [change.Trigger, change.Action, change.Id ?? "—"]));
        }
    }
}

/// <summary>What the command reports (<c>--json</c> prints it as is).</summary>
internal sealed record NotificationsView(
    string TenantId,
    string Url,
    bool SecretShown,
    string SecretName,
    string CreateSecret,
    IReadOnlyList<string> Triggers,
    string Debounce,
    string MinInterval,
    IReadOnlyList<WebhookChangeView> Webhooks,
    bool Notifications);

internal sealed record WebhookChangeView(string Trigger, string Action, string? Id);
