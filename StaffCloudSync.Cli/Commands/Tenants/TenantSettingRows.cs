namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>Every tenant setting of sync-rules.md with its command-line option and its default (null: required, no default),
/// so that <c>show</c> can say which values are defaults, <c>update</c> what changed, and errors which option to fix.</summary>
internal static class TenantSettingRows
{
    private static readonly TenantSettings Defaults = new() { TenantId = "-", StaffCloudApiTenant = "-", MobieTrainAccountId = "-" };

    public static IReadOnlyList<TenantSettingRow> Rows { get; } =
    [
        new(nameof(TenantSettings.TenantId), "<tenant>", s => s.TenantId, Required: true),
        new(nameof(TenantSettings.StaffCloudApiTenant), "--staffcloud-tenant", s => s.StaffCloudApiTenant, Required: true),
        new(nameof(TenantSettings.MobieTrainAccountId), "--mobietrain-account", s => s.MobieTrainAccountId, Required: true),
        new(nameof(TenantSettings.StaffCloudTokenSecret), "--staffcloud-token-secret", s => s.EffectiveStaffCloudTokenSecret,
            IsDefault: s => string.IsNullOrWhiteSpace(s.StaffCloudTokenSecret) || s.StaffCloudTokenSecret == $"staffcloud-token-{s.TenantId}"),
        new(nameof(TenantSettings.MobieTrainApiKeySecret), "--mobietrain-api-key-secret", s => s.MobieTrainApiKeySecret),
        new(nameof(TenantSettings.WebhookSecret), "--webhook-secret", s => s.EffectiveWebhookSecret,
            IsDefault: s => string.IsNullOrWhiteSpace(s.WebhookSecret) || s.WebhookSecret == $"staffcloud-webhook-{s.TenantId}"),
        // Not an add/update option: set and cleared with StaffCloud's webhooks themselves.
        new(nameof(TenantSettings.Notifications), "tenants notifications --register/--unregister", s => s.Notifications),
        new(nameof(TenantSettings.WebhookDebounce), "--webhook-debounce", s => s.WebhookDebounce),
        new(nameof(TenantSettings.WebhookMinInterval), "--webhook-min-interval", s => s.WebhookMinInterval),
        new(nameof(TenantSettings.Enabled), "--disabled", s => s.Enabled),
        new(nameof(TenantSettings.TimeZone), "--time-zone", s => s.TimeZone),
        new(nameof(TenantSettings.DefaultLanguage), "--default-language", s => s.DefaultLanguage),
        new(nameof(TenantSettings.GroupBy), "--group-by", s => GroupModeText.Format(s.GroupBy)),
        new(nameof(TenantSettings.GroupNameTemplate), "--group-name-template", s => s.EffectiveGroupNameTemplate,
            IsDefault: s => string.IsNullOrWhiteSpace(s.GroupNameTemplate)),
        new(nameof(TenantSettings.BaseGroups), "--base-groups", s => s.BaseGroupNames.Count == 0 ? null : string.Join("; ", s.BaseGroupNames)),
        new(nameof(TenantSettings.DefaultCallingCode), "--default-calling-code", s => s.DefaultCallingCode),
        new(nameof(TenantSettings.PreserveManualGroups), "--preserve-manual-groups", s => s.PreserveManualGroups),
        new(nameof(TenantSettings.InvitationMaxAgeMonths), "--invitation-max-age-months", s => s.InvitationMaxAgeMonths),
        new(nameof(TenantSettings.DeletionThresholdPercent), "--deletion-threshold-percent", s => s.DeletionThresholdPercent),
        new(nameof(TenantSettings.DeletionThresholdMinimum), "--deletion-threshold-minimum", s => s.DeletionThresholdMinimum),
        new(nameof(TenantSettings.DeletionApprovalHours), "--deletion-approval-hours", s => s.DeletionApprovalHours),
    ];

    public static IReadOnlyList<SettingView> Views(TenantSettings? settings) => settings is null
        ? []
        : Rows.Select(r => new SettingView(r.Name, r.Value(settings), IsDefault(r, settings))).ToList();

    /// <summary>The option that sets a field of <see cref="TenantSettingError"/>, for error lines the operator can act on.</summary>
    public static string Option(string field) =>
        Rows.FirstOrDefault(r => r.Name == field) is { } row ? $"{row.Option} ({field})" : field;

    public static string Text(object? value) => value switch
    {
        null => "—",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Null for a required setting, which has no default.</summary>
    private static bool? IsDefault(TenantSettingRow row, TenantSettings settings) =>
        row.Required ? null : row.IsDefault?.Invoke(settings) ?? Equals(row.Value(settings), row.Value(Defaults));
}

internal sealed record TenantSettingRow(
    string Name, string Option, Func<TenantSettings, object?> Value, bool Required = false, Func<TenantSettings, bool>? IsDefault = null);

internal static class TenantErrors
{
    /// <summary>Exit 2 with one line per bad field, each naming the option that sets it.</summary>
    public static CliException Invalid(string tenantId, string outcome, IReadOnlyList<TenantSettingError> errors) =>
        new(ExitCodes.InvalidInput, $"tenant '{tenantId}' {outcome}: {errors.Count} invalid setting(s)",
            errors.Select(e => $"tenant '{tenantId}': {TenantSettingRows.Option(e.Field)}: {e.Message}").ToList());

    /// <summary>A row whose values cannot be read into settings at all: only an edit of the row itself can fix it.</summary>
    public static CliException Unreadable(TenantRecord record) => new(ExitCodes.InvalidInput,
        $"tenant '{record.TenantId}' has a row that cannot be read as settings; fix the column(s) below in the Tenants table (Storage Explorer or az storage entity merge)",
        record.Errors.Select(e => $"tenant '{record.TenantId}': {e.Field}: {e.Message}").ToList());

    /// <summary>Before a run or preview, the row must exist (else exit 3) and be valid (else exit 2 naming each field).</summary>
    public static async Task<TenantRecord> RequireValidAsync(TenantStore store, string tenantId, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(tenantId, cancellationToken) ?? throw CliException.TenantNotFound(tenantId);
        if (record.Settings is null)
            throw Unreadable(record);

        return record.IsValid ? record : throw Invalid(tenantId, "cannot be run (fix with: staffcloud-sync tenants update)", record.Errors);
    }
}
