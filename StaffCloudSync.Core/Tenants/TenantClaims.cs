namespace StaffCloudSync.Core.Tenants;

/// <summary>One tenant, one account (sync-rules.md, "Safety"): no two rows share a StaffCloud tenant, a MobieTrain account or a
/// StaffCloud token secret, and no secret of one row is a token or webhook secret of another (<see cref="SecretRoles"/>).
/// Two rows on one MobieTrain account would each delete the other's people as "not in StaffCloud"; two on one
/// StaffCloud tenant would invite everyone twice. Each error names the field and the other row.</summary>
public static class TenantClaims
{
    /// <summary>What <paramref name="tenant"/> claims that another of <paramref name="rows"/> claims too.</summary>
    public static IReadOnlyList<TenantSettingError> Conflicts(TenantSettings tenant, IEnumerable<TenantRecord> rows)
    {
        var errors = new List<TenantSettingError>();
        foreach (var row in rows)
        {
            if (row.Settings is not { } other || string.Equals(row.TenantId, tenant.TenantId, StringComparison.Ordinal))
                continue;

            // Case-insensitively: DNS labels and Key Vault names are, and an account id differing only in case is a typo
            // far more likely than a second account.
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

    /// <summary>Secrets in their roles across rows: a token or webhook secret serves one tenant, in any role — the other row's
    /// token, webhook secret or MobieTrain key — and a MobieTrain key is never another row's token or webhook secret.
    /// Two rows sharing the MobieTrain key is the default (one service key) and allowed. Same token secrets are reported
    /// by the account check above already.</summary>
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
