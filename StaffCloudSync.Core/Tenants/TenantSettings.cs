using System.Reflection;
using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Tenants;

/// <summary>One tenant's settings: one row of the <c>Tenants</c> table (sync-rules.md, "Tenant settings").
/// Defaults are the spec's; <see cref="TenantSettingsValidator"/> says whether a row is usable.</summary>
public sealed record TenantSettings
{
    // Beyond this the twice-daily schedule comes sooner than an early run would.
    public static readonly TimeSpan MaxWebhookDelay = TimeSpan.FromHours(12);

    // The floor of WebhookMinInterval: it bounds a flood of notifications to a few runs an hour.
    public static readonly TimeSpan MinWebhookMinInterval = TimeSpan.FromMinutes(1);
    public const string DefaultMobieTrainApiKeySecret = "mobietrain-api-key";
    public const int DefaultDeletionApprovalHours = 24;
    public const int MaxDeletionThresholdPercent = 50;
    public const int MaxDeletionThresholdMinimum = 100;
    public const int MaxDeletionApprovalHours = 168;

    // A group's name in MobieTrain is at most this long.
    public const int MaxBaseGroupNameLength = 255;
    /// <summary>The settings a row holds, each under its own name: every init property but <see cref="TenantId"/>, in declaration
    /// order (the metadata token's), which is the order a row's unreadable values are reported in.</summary>
    public static IReadOnlyList<PropertyInfo> RowProperties { get; } = typeof(TenantSettings).GetProperties()
        .Where(p => p.SetMethod is not null && p.Name != nameof(TenantId)).OrderBy(p => p.MetadataToken).ToArray();

    public required string TenantId { get; init; }
    public required string StaffCloudApiTenant { get; init; }

    /// <summary>Key Vault secret holding the StaffCloud token; null means <c>staffcloud-token-&lt;TenantId&gt;</c>.</summary>
    public string? StaffCloudTokenSecret { get; init; }
    public required string MobieTrainAccountId { get; init; }
    public string MobieTrainApiKeySecret { get; init; } = DefaultMobieTrainApiKeySecret;

    /// <summary>Key Vault secret the tenant's notification URL must carry; null means <c>staffcloud-webhook-&lt;TenantId&gt;</c>.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>Set by <c>tenants notifications --register</c>; without it a notification is refused before its secret is read.</summary>
    public bool Notifications { get; init; }
    // Early runs (sync-rules.md, "Early runs"): due at the latest of the first notification + WebhookDebounce and the
    // previous such run's start + WebhookMinInterval.
    public TimeSpan WebhookDebounce { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan WebhookMinInterval { get; init; } = TimeSpan.FromMinutes(15);

    public bool Enabled { get; init; } = true;
    public string TimeZone { get; init; } = "Europe/Zurich";
    public string DefaultLanguage { get; init; } = "en";

    /// <summary>Null means the default of <see cref="GroupBy"/>.</summary>
    public string? GroupNameTemplate { get; init; }

    /// <summary>What an event group stands for: one StaffCloud event (default) or one project.</summary>
    public GroupMode GroupBy { get; init; } = GroupMode.Event;

    public string EffectiveGroupNameTemplate => !string.IsNullOrWhiteSpace(GroupNameTemplate)
        ? GroupNameTemplate
        : GroupBy == GroupMode.Project ? "{project}" : "{name} ({start:yyyy-MM-dd})";

    /// <summary>Group names separated by ';' (sync-rules.md, "base groups").</summary>
    public string? BaseGroups { get; init; }

    /// <summary>Trimmed, empty entries dropped, the first of case-insensitive repeats kept.</summary>
    public IReadOnlyList<string> BaseGroupNames =>
        BaseGroups?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    /// <summary>'+' and 1–3 digits; turns national numbers starting with a single 0 into international ones.</summary>
    public string? DefaultCallingCode { get; init; }
    public bool PreserveManualGroups { get; init; }
    public int InvitationMaxAgeMonths { get; init; } = 6;
    public int DeletionThresholdPercent { get; init; } = 20;
    public int DeletionThresholdMinimum { get; init; } = 10;
    public int DeletionApprovalHours { get; init; } = DefaultDeletionApprovalHours;

    public string EffectiveStaffCloudTokenSecret =>
        string.IsNullOrWhiteSpace(StaffCloudTokenSecret) ? $"staffcloud-token-{TenantId}" : StaffCloudTokenSecret;

    public string EffectiveWebhookSecret =>
        string.IsNullOrWhiteSpace(WebhookSecret) ? $"staffcloud-webhook-{TenantId}" : WebhookSecret;
}
