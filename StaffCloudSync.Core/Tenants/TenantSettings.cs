namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// One tenant's settings: one row of the <c>Tenants</c> table (sync-rules.md, "Tenant settings").
/// Defaults are the spec's; <see cref="TenantSettingsValidator"/> says whether a row is usable.
/// </summary>
public sealed record TenantSettings
{
    public const string DefaultTimeZone = "Europe/Zurich";
    public const string DefaultLanguageCode = "en";
    public const string DefaultGroupNameTemplate = "{name} ({start:yyyy-MM-dd})";
    public const string DefaultMobieTrainApiKeySecret = "mobietrain-api-key";
    public const int DefaultInvitationMaxAgeMonths = 6;
    public const int DefaultDeletionThresholdPercent = 20;
    public const int DefaultDeletionThresholdMinimum = 10;
    public const int DefaultDeletionApprovalHours = 24;
    public const int MaxDeletionThresholdPercent = 50;
    public const int MaxDeletionThresholdMinimum = 100;
    public const int MaxDeletionApprovalHours = 168;

    public required string TenantId { get; init; }

    public required string StaffCloudApiTenant { get; init; }

    /// <summary>Key Vault secret holding the StaffCloud token; null means <c>staffcloud-token-&lt;TenantId&gt;</c>.</summary>
    public string? StaffCloudTokenSecret { get; init; }

    public required string MobieTrainAccountId { get; init; }

    public string MobieTrainApiKeySecret { get; init; } = DefaultMobieTrainApiKeySecret;

    public bool Enabled { get; init; } = true;

    public string TimeZone { get; init; } = DefaultTimeZone;

    public string DefaultLanguage { get; init; } = DefaultLanguageCode;

    public string GroupNameTemplate { get; init; } = DefaultGroupNameTemplate;

    public bool PreserveManualGroups { get; init; }

    public int InvitationMaxAgeMonths { get; init; } = DefaultInvitationMaxAgeMonths;

    public int DeletionThresholdPercent { get; init; } = DefaultDeletionThresholdPercent;

    public int DeletionThresholdMinimum { get; init; } = DefaultDeletionThresholdMinimum;

    /// <summary>How long an operator's approval of held deletions lasts before it lapses unused.</summary>
    public int DeletionApprovalHours { get; init; } = DefaultDeletionApprovalHours;

    public string EffectiveStaffCloudTokenSecret =>
        string.IsNullOrWhiteSpace(StaffCloudTokenSecret) ? $"staffcloud-token-{TenantId}" : StaffCloudTokenSecret;
}
