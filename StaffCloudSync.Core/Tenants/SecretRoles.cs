namespace StaffCloudSync.Core.Tenants;

/// <summary>Secrets in their roles (sync-rules.md, "Safety"): each secret a row names says by its prefix what it holds, so no
/// name can serve two roles — a StaffCloud token sent as a webhook secret (or the shared MobieTrain key put into
/// notification URLs) would leak a credential into StaffCloud's webhook settings. Compared case-insensitively, as
/// Key Vault compares names. Across rows, <see cref="TenantClaims"/> checks that a token or webhook secret serves one tenant.</summary>
public static class SecretRoles
{
    public const string TokenPrefix = "staffcloud-token-";
    public const string WebhookPrefix = "staffcloud-webhook-";
    public const string MobieTrainKeyPrefix = TenantSettings.DefaultMobieTrainApiKeySecret;

    /// <summary>The row's secrets, each with its field and role: the effective names, defaults included.</summary>
    public static IEnumerable<(string Field, string Role, string Name)> Of(TenantSettings settings)
    {
        yield return (nameof(TenantSettings.StaffCloudTokenSecret), "StaffCloud token secret", settings.EffectiveStaffCloudTokenSecret);
        yield return (nameof(TenantSettings.WebhookSecret), "webhook secret", settings.EffectiveWebhookSecret);
        yield return (nameof(TenantSettings.MobieTrainApiKeySecret), "MobieTrain API key secret", settings.MobieTrainApiKeySecret ?? string.Empty);
    }

    /// <summary>Whether a secret of this field serves only its tenant (the token and the webhook secret; the MobieTrain key may be shared).</summary>
    public static bool IsTenantOwn(string field) => field != nameof(TenantSettings.MobieTrainApiKeySecret);

    /// <summary>Reports each of the row's secret names that lacks its role's prefix.</summary>
    /// <remarks>
    /// A token or webhook name that is only the prefix names no tenant's secret and is refused; the MobieTrain key's
    /// prefix is the shared key's own name (<c>mobietrain-api-key</c>), so it is valid as it is.
    /// </remarks>
    internal static void Check(TenantSettings settings, Action<string, string> fail)
    {
        Require(settings.EffectiveStaffCloudTokenSecret, TokenPrefix, mayBeExact: false, nameof(TenantSettings.StaffCloudTokenSecret), "a StaffCloud token secret", fail);
        Require(settings.EffectiveWebhookSecret, WebhookPrefix, mayBeExact: false, nameof(TenantSettings.WebhookSecret), "a webhook secret", fail);
        Require(settings.MobieTrainApiKeySecret ?? string.Empty, MobieTrainKeyPrefix, mayBeExact: true, nameof(TenantSettings.MobieTrainApiKeySecret), "a MobieTrain API key secret", fail);
    }

    private static void Require(string name, string prefix, bool mayBeExact, string field, string role, Action<string, string> fail)
    {
        // An empty or malformed name is reported by the name check already; one error per cause.
        if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            return;

        var fits = name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (mayBeExact || name.Length > prefix.Length);
        if (!fits)
        {
            var shape = mayBeExact ? $"start with '{prefix}' (e.g. '{prefix}' or '{prefix}-<tenant>')" : $"start with '{prefix}' followed by a name (e.g. '{prefix}<tenant>')";
            fail(field, $"'{name}' is not a name for {role}: it must {shape}, so no secret serves two roles");
        }
    }
}
