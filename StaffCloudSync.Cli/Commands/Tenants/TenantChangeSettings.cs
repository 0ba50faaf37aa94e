namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>The setting options of <c>tenants add</c> and <c>tenants update</c>; an option not given leaves the setting as it is
/// (its default for <c>add</c>). Numbers are read here rather than by the parser, whose error would not name the option.</summary>
internal sealed class TenantChangeSettings : TenantSettingsBase
{
    [CommandOption("--staffcloud-tenant <NAME>")]
    [Description("StaffCloud API tenant: the API is https://<NAME>.staff.cloud/api/v1/ (required for add)")]
    public string? StaffCloudApiTenant { get; init; }

    [CommandOption("--mobietrain-account <ID>"), Description("The MobieTrain account id (required for add)")]
    public string? MobieTrainAccountId { get; init; }

    [CommandOption("--time-zone <IANA>"), Description("Time zone of StaffCloud's wall-clock times (default Europe/Zurich)")]
    public string? TimeZone { get; init; }

    [CommandOption("--default-language <CODE>"), Description("ISO 639-1 language for invitations when StaffCloud has none (default en)")]
    public string? DefaultLanguage { get; init; }

    [CommandOption("--group-name-template <TEMPLATE>")]
    [Description("Event group names; placeholders {id} {name} {start:<format>} {end:<format>} (default \"{name} ({start:yyyy-MM-dd})\")")]
    public string? GroupNameTemplate { get; init; }

    [CommandOption("--group-by <MODE>")]
    [Description("What a sync-owned group stands for: event (one group per event, default) or project (one per StaffCloud project)")]
    public string? GroupBy { get; init; }

    [CommandOption("--base-groups <NAMES>")]
    [Description("';'-separated MobieTrain groups every synced person always has, e.g. \"Default Group\" (\"\" clears it)")]
    public string? BaseGroups { get; init; }

    [CommandOption("--default-calling-code <CODE>")]
    [Description("'+' and 1–3 digits (e.g. +41): national numbers starting with 0 become international (\"\" clears it)")]
    public string? DefaultCallingCode { get; init; }

    [CommandOption("--preserve-manual-groups [BOOL]")]
    [Description("Leave users' groups that are not event groups alone (default false); --preserve-manual-groups false turns it off")]
    [DefaultValue(true)]
    public FlagValue<bool>? PreserveManualGroups { get; init; }

    [CommandOption("--invitation-max-age-months <N>"), Description("Invitations not accepted within N months are withdrawn (1–120, default 6)")]
    public string? InvitationMaxAgeMonths { get; init; }

    [CommandOption("--deletion-threshold-percent <N>")]
    [Description("Deletion guard: hold removals above N % of the synced persons (0–50, default 20)")]
    public string? DeletionThresholdPercent { get; init; }

    [CommandOption("--deletion-threshold-minimum <N>"), Description("Deletion guard: never hold N removals or fewer (0–100, default 10)")]
    public string? DeletionThresholdMinimum { get; init; }

    [CommandOption("--deletion-approval-hours <N>"), Description("How long tenants allow-deletions lasts before it lapses (1–168 hours, default 24)")]
    public string? DeletionApprovalHours { get; init; }

    [CommandOption("--staffcloud-token-secret <NAME>")]
    [Description("Key Vault secret holding the StaffCloud token (default staffcloud-token-<tenant>)")]
    public string? StaffCloudTokenSecret { get; init; }

    [CommandOption("--mobietrain-api-key-secret <NAME>")]
    [Description("Key Vault secret holding the MobieTrain API key (default mobietrain-api-key, the integration's shared key)")]
    public string? MobieTrainApiKeySecret { get; init; }

    [CommandOption("--webhook-secret <NAME>"), Description("Key Vault secret the notification URL must carry (default staffcloud-webhook-<tenant>)")]
    public string? WebhookSecret { get; init; }

    [CommandOption("--webhook-debounce <DURATION>")]
    [Description("Early runs: due this long after the first notification (00:00:00–12:00:00, default 00:05:00; PT5M and 5min work too)")]
    public string? WebhookDebounce { get; init; }

    [CommandOption("--webhook-min-interval <DURATION>")]
    [Description("Early runs: at least this long after the previous one's start (00:01:00–12:00:00, default 00:15:00)")]
    public string? WebhookMinInterval { get; init; }

    [CommandOption("--disabled [BOOL]")]
    [Description("Scheduled runs skip the tenant (default: enabled); --disabled false enables it")]
    [DefaultValue(true)]
    public FlagValue<bool>? Disabled { get; init; }

    public override ValidationResult Validate()
    {
        var error = Numbers().Where(n => n.Value is not null && !int.TryParse(n.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            .Select(n => $"{n.Option}: '{n.Value}' is not a whole number")
            .Concat(Durations().Where(d => d.Value is not null && !DurationText.TryParse(d.Value, out _))
                .Select(d => $"{d.Option}: '{d.Value}' is not a duration such as {DurationText.Example}"))
            .Append(GroupBy is not null && !GroupModeText.TryParse(GroupBy, out _) ? $"--group-by: '{GroupBy}' is not event or project" : null)
            .FirstOrDefault(e => e is not null);
        return error is null ? ValidationResult.Success() : ValidationResult.Error(error);
    }

    /// <summary>Whether any setting option was given (a flag only when given: its default value is not "given").</summary>
    public bool ChangesAnything => typeof(TenantChangeSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Any(option => option.IsDefined(typeof(CommandOptionAttribute)) && option.GetValue(this) is string or FlagValue<bool> { IsSet: true });

    public TenantSettings ApplyTo(TenantSettings settings) => settings with
    {
        StaffCloudApiTenant = StaffCloudApiTenant ?? settings.StaffCloudApiTenant,
        MobieTrainAccountId = MobieTrainAccountId ?? settings.MobieTrainAccountId,
        TimeZone = TimeZone ?? settings.TimeZone,
        DefaultLanguage = DefaultLanguage ?? settings.DefaultLanguage,
        GroupNameTemplate = GroupNameTemplate is null ? settings.GroupNameTemplate : Blank(GroupNameTemplate),
        GroupBy = GroupBy is not null && GroupModeText.TryParse(GroupBy, out var mode) ? mode : settings.GroupBy,
        BaseGroups = BaseGroups is null ? settings.BaseGroups : Blank(BaseGroups),
        DefaultCallingCode = DefaultCallingCode is null ? settings.DefaultCallingCode : Blank(DefaultCallingCode),
        PreserveManualGroups = PreserveManualGroups is { IsSet: true } preserve ? preserve.Value : settings.PreserveManualGroups,
        InvitationMaxAgeMonths = Int(InvitationMaxAgeMonths) ?? settings.InvitationMaxAgeMonths,
        DeletionThresholdPercent = Int(DeletionThresholdPercent) ?? settings.DeletionThresholdPercent,
        DeletionThresholdMinimum = Int(DeletionThresholdMinimum) ?? settings.DeletionThresholdMinimum,
        DeletionApprovalHours = Int(DeletionApprovalHours) ?? settings.DeletionApprovalHours,
        StaffCloudTokenSecret = StaffCloudTokenSecret ?? settings.StaffCloudTokenSecret,
        MobieTrainApiKeySecret = MobieTrainApiKeySecret ?? settings.MobieTrainApiKeySecret,
        WebhookSecret = WebhookSecret ?? settings.WebhookSecret,
        WebhookDebounce = Duration(WebhookDebounce) ?? settings.WebhookDebounce,
        WebhookMinInterval = Duration(WebhookMinInterval) ?? settings.WebhookMinInterval,
        Enabled = Disabled is { IsSet: true } disabled ? !disabled.Value : settings.Enabled,
    };

    // An option given as "" clears the setting back to its default.
    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private IEnumerable<(string Option, string? Value)> Numbers() =>
    [
        ("--invitation-max-age-months", InvitationMaxAgeMonths),
        ("--deletion-threshold-percent", DeletionThresholdPercent),
        ("--deletion-threshold-minimum", DeletionThresholdMinimum),
        ("--deletion-approval-hours", DeletionApprovalHours),
    ];

    private IEnumerable<(string Option, string? Value)> Durations() =>
    [
        ("--webhook-debounce", WebhookDebounce),
        ("--webhook-min-interval", WebhookMinInterval),
    ];

    private static TimeSpan? Duration(string? value) => value is not null && DurationText.TryParse(value, out var duration) ? duration : null;

    private static int? Int(string? value) => value is null ? null : int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
