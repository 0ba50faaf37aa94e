namespace StaffCloudSync.Core.Tenants;

/// <summary>One tenant, one account (sync-rules.md, "Safety"): no two rows share a StaffCloud tenant, a MobieTrain account or a
/// token secret, and no secret of one row is a token or webhook secret of another. Each error names the field and the other row.</summary>
public static class TenantClaims
{
    public static IReadOnlyList<TenantSettingError> Conflicts(TenantSettings tenant, IEnumerable<TenantRecord> rows)
    {
        var errors = new List<TenantSettingError>();
        foreach (var row in rows)
        {
            if (row.Settings is not { } other || string.Equals(row.TenantId, tenant.TenantId, StringComparison.Ordinal))
                continue;

            // Case-insensitively, as DNS labels and Key Vault names are; an account id differing in case is a typo.
            Check(errors, tenant, other, nameof(TenantSettings.StaffCloudApiTenant), "StaffCloud tenant", s => s.StaffCloudApiTenant);
            Check(errors, tenant, other, nameof(TenantSettings.MobieTrainAccountId), "MobieTrain account", s => s.MobieTrainAccountId);
            Check(errors, tenant, other, nameof(TenantSettings.StaffCloudTokenSecret), "StaffCloud token secret", s => s.EffectiveStaffCloudTokenSecret);
            CheckSecrets(errors, tenant, other);
        }

        return errors;
    }

    /// <summary>The conflicts of <paramref name="after"/> that <paramref name="before"/> did not have: what a change adds.</summary>
    public static IReadOnlyList<TenantSettingError> Added(TenantSettings? before, TenantSettings after, IReadOnlyCollection<TenantRecord> rows)
    {
        var existing = before is null ? [] : Conflicts(before, rows).Select(e => e.Message).ToHashSet(StringComparer.Ordinal);
        return Conflicts(after, rows).Where(e => !existing.Contains(e.Message)).ToList();
    }

    /// <summary>One line for a run that cannot go on: both rows and every shared value.</summary>
    public static string Describe(string tenantId, IReadOnlyList<TenantSettingError> conflicts) =>
        $"tenant '{tenantId}' shares an account or a secret with another row of the Tenants table, so it is not run until one of the rows is changed: "
        + string.Join("; ", conflicts.Select(c => $"{c.Field}: {c.Message}"));

    /// <summary>A token or webhook secret serves one tenant in one role; two rows sharing the MobieTrain key is the default. Same
    /// token secrets are reported by the account check already.</summary>
    private static void CheckSecrets(List<TenantSettingError> errors, TenantSettings tenant, TenantSettings other)
    {
        foreach (var (field, _, name) in SecretRoles.Of(tenant))
        {
            foreach (var (otherField, otherRole, otherName) in SecretRoles.Of(other))
            {
                var sameTokens = field == nameof(TenantSettings.StaffCloudTokenSecret) && otherField == field;
                var bothKeys = !SecretRoles.IsTenantOwn(field) && !SecretRoles.IsTenantOwn(otherField);
                if (sameTokens || bothKeys || string.IsNullOrWhiteSpace(name) || !string.Equals(name, otherName, StringComparison.OrdinalIgnoreCase))
                    continue;

                errors.Add(new TenantSettingError(tenant.TenantId, field,
                    $"'{name}' is also the {otherRole} of tenant '{other.TenantId}' (rows '{tenant.TenantId}' and '{other.TenantId}'); a StaffCloud token or webhook secret serves one tenant in one role"));
            }
        }
    }

    private static void Check(List<TenantSettingError> errors, TenantSettings tenant, TenantSettings other, string field, string what, Func<TenantSettings, string> value)
    {
        var mine = value(tenant);
        if (!string.IsNullOrWhiteSpace(mine) && string.Equals(mine, value(other), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new TenantSettingError(tenant.TenantId, field,
                $"'{mine}' is also the {what} of tenant '{other.TenantId}' (rows '{tenant.TenantId}' and '{other.TenantId}'); one tenant per account"));
        }
    }
}

/// <summary>sync-rules.md, "An account belongs to one tenant, provably": a row whose <c>MobieTrainAccountId</c> changes is disabled
/// until an operator enables it again.</summary>
public static class AccountChange
{
    public static TenantSettings Apply(TenantSettings before, TenantSettings after) => Changes(before, after) ? after with { Enabled = false } : after;

    public static bool Changes(TenantSettings before, TenantSettings after) =>
        !string.Equals(before?.MobieTrainAccountId, after?.MobieTrainAccountId, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Secrets in their roles (sync-rules.md, "Safety"): each secret a row names says by its prefix what it holds, so no
/// name can serve two roles — a StaffCloud token sent as a webhook secret (or the shared MobieTrain key put into
/// notification URLs) would leak a credential into StaffCloud's webhook settings. Compared case-insensitively, as Key Vault does.</summary>
public static class SecretRoles
{
    private static readonly Dictionary<string, string> Prefixes = new()
    {
        [nameof(TenantSettings.StaffCloudTokenSecret)] = "staffcloud-token-",
        [nameof(TenantSettings.WebhookSecret)] = "staffcloud-webhook-",
        [nameof(TenantSettings.MobieTrainApiKeySecret)] = TenantSettings.DefaultMobieTrainApiKeySecret,
    };

    /// <summary>The effective names, defaults included.</summary>
    public static IEnumerable<(string Field, string Role, string Name)> Of(TenantSettings settings)
    {
        yield return (nameof(TenantSettings.StaffCloudTokenSecret), "StaffCloud token secret", settings.EffectiveStaffCloudTokenSecret);
        yield return (nameof(TenantSettings.WebhookSecret), "webhook secret", settings.EffectiveWebhookSecret);
        yield return (nameof(TenantSettings.MobieTrainApiKeySecret), "MobieTrain API key secret", settings.MobieTrainApiKeySecret ?? string.Empty);
    }

    /// <summary>The token and the webhook secret; the MobieTrain key may be shared.</summary>
    public static bool IsTenantOwn(string field) => field != nameof(TenantSettings.MobieTrainApiKeySecret);

    /// <summary>A token or webhook name that is only the prefix names no tenant's secret; the MobieTrain key's prefix is the shared
    /// key's own name, valid as it is.</summary>
    internal static void Check(TenantSettings settings, Action<string, string> fail)
    {
        foreach (var (field, role, name) in Of(settings))
        {
            // An empty or malformed name is reported by the name check already; one error per cause.
            if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
                continue;

            var (prefix, mayBeExact) = (Prefixes[field], !IsTenantOwn(field));
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (mayBeExact || name.Length > prefix.Length))
                continue;

            var shape = mayBeExact ? $"start with '{prefix}' (e.g. '{prefix}' or '{prefix}-<tenant>')"
                : $"start with '{prefix}' followed by a name (e.g. '{prefix}<tenant>')";
            fail(field, $"'{name}' is not a name for a {role}: it must {shape}, so no secret serves two roles");
        }
    }
}
