using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Tenants;

/// <summary>Checks every setting of a tenant row against sync-rules.md; each error names the tenant and the field.</summary>
public static partial class TenantSettingsValidator
{
    public static IReadOnlyList<TenantSettingError> Validate(TenantSettings settings)
    {
        var errors = new List<TenantSettingError>();
        var tenant = settings.TenantId ?? string.Empty;
        void Fail(string field, string message) => errors.Add(new TenantSettingError(tenant, field, message));
        void Require(bool valid, string field, string message)
        {
            if (!valid)
                Fail(field, message);
        }

        const string SecretName = "must be a Key Vault secret name (1–127 characters of a-z, A-Z, 0-9 and '-')";
        Require(TenantIdPattern().IsMatch(tenant), nameof(TenantSettings.TenantId), "must be 3–63 characters of a-z, 0-9 and '-'");
        Require(DnsLabelPattern().IsMatch(settings.StaffCloudApiTenant ?? string.Empty), nameof(TenantSettings.StaffCloudApiTenant),
            "must be a DNS label (1–63 characters of a-z, 0-9 and '-', not starting or ending with '-'): the API is https://<it>.staff.cloud/api/v1/");
        Require(string.IsNullOrWhiteSpace(settings.StaffCloudTokenSecret) || SecretNamePattern().IsMatch(settings.StaffCloudTokenSecret),
            nameof(TenantSettings.StaffCloudTokenSecret), SecretName);
        Require(SecretNamePattern().IsMatch(settings.EffectiveStaffCloudTokenSecret), nameof(TenantSettings.StaffCloudTokenSecret),
            "the default secret name built from the tenant id is not a valid Key Vault secret name");
        Require(AccountIdPattern().IsMatch(settings.MobieTrainAccountId ?? string.Empty), nameof(TenantSettings.MobieTrainAccountId),
            "is required: 1–100 characters of a-z, A-Z, 0-9, '-' and '_'");
        Require(SecretNamePattern().IsMatch(settings.MobieTrainApiKeySecret ?? string.Empty), nameof(TenantSettings.MobieTrainApiKeySecret), SecretName);
        Require(SecretNamePattern().IsMatch(settings.EffectiveWebhookSecret), nameof(TenantSettings.WebhookSecret), SecretName);
        SecretRoles.Check(settings, Fail);

        var maxDelay = DurationText.Format(TenantSettings.MaxWebhookDelay);
        Require(settings.WebhookDebounce >= TimeSpan.Zero && settings.WebhookDebounce <= TenantSettings.MaxWebhookDelay, nameof(TenantSettings.WebhookDebounce),
            $"{DurationText.Format(settings.WebhookDebounce)} is outside 00:00:00–{maxDelay}");
        Require(settings.WebhookMinInterval >= TenantSettings.MinWebhookMinInterval && settings.WebhookMinInterval <= TenantSettings.MaxWebhookDelay,
            nameof(TenantSettings.WebhookMinInterval),
            $"{DurationText.Format(settings.WebhookMinInterval)} is outside {DurationText.Format(TenantSettings.MinWebhookMinInterval)}–{maxDelay}");
        Require(TenantTimeZone.TryResolve(settings.TimeZone, out _), nameof(TenantSettings.TimeZone),
            $"'{settings.TimeZone}' is not a known IANA time zone (e.g. Europe/Zurich)");
        Require(LanguageCode.IsKnownCode(settings.DefaultLanguage), nameof(TenantSettings.DefaultLanguage),
            $"'{settings.DefaultLanguage}' is not a lower-case ISO 639-1 code (e.g. en, de)");
        Require(GroupNameTemplate.TryParse(settings.EffectiveGroupNameTemplate, settings.GroupBy.Subject(), out _, out var templateError),
            nameof(TenantSettings.GroupNameTemplate), templateError!);
        Require(Enum.IsDefined(settings.GroupBy), nameof(TenantSettings.GroupBy), "must be event or project");
        foreach (var name in settings.BaseGroupNames)
        {
            Require(name.Length <= TenantSettings.MaxBaseGroupNameLength && !name.Any(char.IsControl), nameof(TenantSettings.BaseGroups),
                $"'{name}' is not a group name MobieTrain takes (at most {TenantSettings.MaxBaseGroupNameLength} characters, no control characters)");
        }

        Require(settings.DefaultCallingCode is not { } code || CallingCodePattern().IsMatch(code), nameof(TenantSettings.DefaultCallingCode),
            $"'{settings.DefaultCallingCode}' is not '+' and 1–3 digits (e.g. +41)");
        Require(settings.InvitationMaxAgeMonths is >= 1 and <= 120, nameof(TenantSettings.InvitationMaxAgeMonths),
            $"{settings.InvitationMaxAgeMonths} is outside 1–120");

        // The caps keep the guard meaningful: above them a mass deactivation (a wrong filter, another account's token) would pass.
        Require(settings.DeletionThresholdPercent is >= 0 and <= TenantSettings.MaxDeletionThresholdPercent, nameof(TenantSettings.DeletionThresholdPercent),
            $"{settings.DeletionThresholdPercent} is outside 0–{TenantSettings.MaxDeletionThresholdPercent}");
        Require(settings.DeletionThresholdMinimum is >= 0 and <= TenantSettings.MaxDeletionThresholdMinimum, nameof(TenantSettings.DeletionThresholdMinimum),
            $"{settings.DeletionThresholdMinimum} is outside 0–{TenantSettings.MaxDeletionThresholdMinimum}");
        Require(settings.DeletionApprovalHours is >= 1 and <= TenantSettings.MaxDeletionApprovalHours, nameof(TenantSettings.DeletionApprovalHours),
            $"{settings.DeletionApprovalHours} is outside 1–{TenantSettings.MaxDeletionApprovalHours}");
        return errors;
    }

    public static void EnsureValid(TenantSettings settings)
    {
        var errors = Validate(settings);
        if (errors.Count > 0)
            throw new TenantValidationException(errors);
    }

    /// <summary>Whether a URL's route can be a tenant id; char by char, as the pattern's <c>$</c> lets a trailing newline through.</summary>
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
