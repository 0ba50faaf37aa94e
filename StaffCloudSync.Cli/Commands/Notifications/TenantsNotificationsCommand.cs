using StaffCloudSync.Cli.Commands.Tenants;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;
using StaffCloudSync.Core.Scheduling.Notifications;

namespace StaffCloudSync.Cli.Commands.Notifications;

internal sealed class NotificationsSettings : TenantSettingsBase
{
    [CommandOption("--base-url <URL>")]
    [Description("The Functions app's public address (https://<app>.azurewebsites.net); default the setting Notifications__PublicBaseUrl")]
    public string? BaseUrl { get; init; }

    [CommandOption("--show-secret")]
    [Description("Print the URL with the tenant's secret in it (read from the secret store); without it the secret is a placeholder")]
    public bool ShowSecret { get; init; }

    [CommandOption("--register")]
    [Description("Create (or point at the current URL) the StaffCloud webhooks employee.created, employee.updated and assignment.status_changed")]
    public bool Register { get; init; }

    [CommandOption("--unregister"), Description("Delete the tenant's StaffCloud webhooks that call this tenant's notification URL")]
    public bool Unregister { get; init; }

    public override ValidationResult Validate() =>
        Register && Unregister ? ValidationResult.Error("--register and --unregister: give one of them") : ValidationResult.Success();
}

/// <summary><c>tenants notifications &lt;tenant&gt;</c>: the URL StaffCloud calls, the line that creates its secret, and with
/// <c>--register</c>/<c>--unregister</c> the product's only writes to StaffCloud (its webhooks) and the <c>Notifications</c> flag.</summary>
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
        var secret = settings.ShowSecret || settings.Register ? await host.Get<ISecretStore>().GetSecretAsync(secretName, cancellationToken) : null;

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

            var registration = host.Get<WebhookRegistration>();
            var target = TenantTargets.StaffCloud(tenant);
            changes = settings.Register
                ? await registration.RegisterAsync(target, url, secret!, cancellationToken)
                : await registration.UnregisterAsync(target, url, cancellationToken);
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
        Context.Report(view, console => Write(console, view, record));
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
            return;

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

    private static void Write(IAnsiConsole console, NotificationsView view, TenantRecord record)
    {
        console.Line($"StaffCloud notifications of tenant {view.TenantId}: early runs {view.Debounce} after a change, at most one per {view.MinInterval}");
        if (!record.IsValid || record.Settings is { Enabled: false })
            console.Line("The tenant is disabled or its row is invalid: its notifications make no runs until that is fixed.");

        console.Line(view.Notifications
            ? "Notifications = true: the tenant's notifications are read."
            : "Notifications = false: its notifications are refused (401) without reading the secret; --register sets it.");
        console.Heading("URL to configure in StaffCloud (POST, for each trigger below)");
        console.Line(view.Url);
        if (!view.SecretShown)
            console.Line($"(the secret is Key Vault secret {view.SecretName}; --show-secret prints the URL with it)");

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

internal sealed record NotificationsView(
    string TenantId, string Url, bool SecretShown, string SecretName, string CreateSecret, IReadOnlyList<string> Triggers,
    string Debounce, string MinInterval, IReadOnlyList<WebhookChangeView> Webhooks, bool Notifications);

internal sealed record WebhookChangeView(string Trigger, string Action, string? Id);
