namespace StaffCloudSync.Cli.Commands.Notifications;

/// <summary>The options of <c>tenants notifications &lt;tenant&gt;</c>.</summary>
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

    [CommandOption("--unregister")]
    [Description("Delete the tenant's StaffCloud webhooks that call this tenant's notification URL")]
    public bool Unregister { get; init; }

    public override ValidationResult Validate() =>
        Register && Unregister ? ValidationResult.Error("--register and --unregister: give one of them") : ValidationResult.Success();
}
