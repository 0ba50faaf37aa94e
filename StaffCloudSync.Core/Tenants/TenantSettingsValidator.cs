using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Tenants;

/// <summary>Checks every setting of a tenant row against sync-rules.md; each error names the tenant and the field.</summary>
public static partial class TenantSettingsValidator
{
    public static IReadOnlyList<TenantSettingError> Validate(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<TenantSettingError>();
        var tenant = settings.TenantId ?? string.Empty;
        void Fail(string field, string message) => errors.Add(new TenantSettingError(tenant, field, message));

        if (!TenantIdPattern().IsMatch(tenant))
        {
            Fail(nameof(TenantSettings.TenantId), "must be 3–63 characters of a-z, 0-9 and '-'");
        }

        if (!DnsLabelPattern().IsMatch(settings.StaffCloudApiTenant ?? string.Empty))
        {
            Fail(nameof(TenantSettings.StaffCloudApiTenant),
                "must be a DNS label (1–63 characters of a-z, 0-9 and '-', not starting or ending with '-'): the API is https://<it>.staff.cloud/api/v1/");
        }

        if (!string.IsNullOrWhiteSpace(settings.StaffCloudTokenSecret) && !SecretNamePattern().IsMatch(settings.StaffCloudTokenSecret))
        {
            Fail(nameof(TenantSettings.StaffCloudTokenSecret), "must be a Key Vault secret name (1–127 characters of a-z, A-Z, 0-9 and '-')");
        }

        if (!SecretNamePattern().IsMatch(settings.EffectiveStaffCloudTokenSecret))
        {
            Fail(nameof(TenantSettings.StaffCloudTokenSecret), "the default secret name built from the tenant id is not a valid Key Vault secret name");
        }

        if (!AccountIdPattern().IsMatch(settings.MobieTrainAccountId ?? string.Empty))
        {
            Fail(nameof(TenantSettings.MobieTrainAccountId), "is required: 1–100 characters of a-z, A-Z, 0-9, '-' and '_'");
        }

        if (!SecretNamePattern().IsMatch(settings.MobieTrainApiKeySecret ?? string.Empty))
        {
            Fail(nameof(TenantSettings.MobieTrainApiKeySecret), "must be a Key Vault secret name (1–127 characters of a-z, A-Z, 0-9 and '-')");
        }

        if (!SecretNamePattern().IsMatch(settings.EffectiveWebhookSecret))
        {
            Fail(nameof(TenantSettings.WebhookSecret), "must be a Key Vault secret name (1–127 characters of a-z, A-Z, 0-9 and '-')");
        }

        SecretRoles.Check(settings, Fail);

        if (settings.WebhookDebounce < TimeSpan.Zero || settings.WebhookDebounce > TenantSettings.MaxWebhookDelay)
        {
            Fail(nameof(TenantSettings.WebhookDebounce), $"{DurationText.Format(settings.WebhookDebounce)} is outside 00:00:00–{DurationText.Format(TenantSettings.MaxWebhookDelay)}");
        }

        if (settings.WebhookMinInterval < TenantSettings.MinWebhookMinInterval || settings.WebhookMinInterval > TenantSettings.MaxWebhookDelay)
        {
            Fail(nameof(TenantSettings.WebhookMinInterval),
                $"{DurationText.Format(settings.WebhookMinInterval)} is outside {DurationText.Format(TenantSettings.MinWebhookMinInterval)}–{DurationText.Format(TenantSettings.MaxWebhookDelay)}");
        }

        if (!TenantTimeZone.TryResolve(settings.TimeZone, out _))
        {
            Fail(nameof(TenantSettings.TimeZone), $"'{settings.TimeZone}' is not a known IANA time zone (e.g. Europe/Zurich)");
        }

        if (!LanguageCode.IsKnownCode(settings.DefaultLanguage))
        {
            Fail(nameof(TenantSettings.DefaultLanguage), $"'{settings.DefaultLanguage}' is not a lower-case ISO 639-1 code (e.g. en, de)");
        }

        if (!GroupNameTemplate.TryParse(settings.EffectiveGroupNameTemplate, settings.GroupBy.Subject(), out _, out var templateError))
        {
            Fail(nameof(TenantSettings.GroupNameTemplate), templateError!);
        }

        if (!Enum.IsDefined(settings.GroupBy))
        {
            Fail(nameof(TenantSettings.GroupBy), "must be event or project");
        }

        foreach (var name in settings.BaseGroupNames)
        {
            if (name.Length > BaseGroupList.MaxNameLength || name.Any(char.IsControl))
            {
                Fail(nameof(TenantSettings.BaseGroups), $"'{name}' is not a group name MobieTrain takes (at most {BaseGroupList.MaxNameLength} characters, no control characters)");
            }
        }

        if (settings.DefaultCallingCode is { } code && !CallingCodePattern().IsMatch(code))
        {
            Fail(nameof(TenantSettings.DefaultCallingCode), $"'{code}' is not '+' and 1–3 digits (e.g. +41)");
        }

        if (settings.InvitationMaxAgeMonths is < 1 or > 120)
        {
            Fail(nameof(TenantSettings.InvitationMaxAgeMonths), $"{settings.InvitationMaxAgeMonths} is outside 1–120");
        }

        // The caps keep the guard meaningful: above them a mass deactivation (a wrong filter, a token of another
        // account) would pass the guard and delete irreversibly without anyone looking.
        if (settings.DeletionThresholdPercent is < 0 or > TenantSettings.MaxDeletionThresholdPercent)
        {
            Fail(nameof(TenantSettings.DeletionThresholdPercent), $"{settings.DeletionThresholdPercent} is outside 0–{TenantSettings.MaxDeletionThresholdPercent}");
        }

        if (settings.DeletionThresholdMinimum is < 0 or > TenantSettings.MaxDeletionThresholdMinimum)
        {
            Fail(nameof(TenantSettings.DeletionThresholdMinimum), $"{settings.DeletionThresholdMinimum} is outside 0–{TenantSettings.MaxDeletionThresholdMinimum}");
        }

        if (settings.DeletionApprovalHours is < 1 or > TenantSettings.MaxDeletionApprovalHours)
        {
            Fail(nameof(TenantSettings.DeletionApprovalHours), $"{settings.DeletionApprovalHours} is outside 1–{TenantSettings.MaxDeletionApprovalHours}");
        }

        return errors;
    }

    /// <summary>Throws <see cref="TenantValidationException"/> listing every problem.</summary>
    public static void EnsureValid(TenantSettings settings)
    {
        var errors = Validate(settings);
        if (errors.Count > 0)
        {
            throw new TenantValidationException(errors);
        }
    }

    /// <summary>Whether a text from outside (a URL's route) can be a tenant id, before it is used as a key or logged.</summary>
    /// <remarks>Character by character: the pattern's <c>$</c> would also let a trailing newline through.</remarks>
    public static bool IsTenantId(string? tenantId) =>
        tenantId is { Length: >= 3 and <= 63 } && tenantId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    [GeneratedRegex("^[a-z0-9-]{3,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantIdPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex("^\\+[0-9]{1,3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CallingCodePattern();

    [GeneratedRegex("^[0-9A-Za-z_-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();
}
