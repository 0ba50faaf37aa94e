namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>One row of <c>tenants list --json</c>; <see cref="DeletionApprovalPending"/>: an approval is in force now.</summary>
internal sealed record TenantListItem(
    string TenantId, bool? Enabled, string? StaffCloudApiTenant, string? MobieTrainAccountId, string? TimeZone,
    bool Valid, IReadOnlyList<SettingErrorView> Errors, bool DeletionApprovalPending, DeletionApproval? DeletionApproval,
    DateTimeOffset? QuarantinedAt, string? QuarantineReason, int ConsecutiveFailures)
{
    public static TenantListItem From(TenantRecord record, DateTimeOffset now)
    {
        var settings = record.Settings;
        return new TenantListItem(record.TenantId, settings?.Enabled, settings?.StaffCloudApiTenant, settings?.MobieTrainAccountId, settings?.TimeZone,
            record.IsValid, SettingErrorView.From(record.Errors), record.DeletionApproval?.IsInForceAt(now) ?? false, record.DeletionApproval,
            record.Health.QuarantinedAt, record.Health.QuarantineReason, record.Health.ConsecutiveFailures);
    }
}

/// <summary><c>tenants show --json</c>: every setting with whether it is the default, the secrets by name, the approval.</summary>
internal sealed record TenantDetails(
    string TenantId, bool Valid, IReadOnlyList<SettingErrorView> Errors, IReadOnlyList<SettingView> Settings, IReadOnlyList<SecretView> Secrets,
    string? SecretStoreProblem, DeletionApproval? DeletionApproval, bool DeletionApprovalInForce, string? DeletionApprovalText);

/// <summary>A setting's value; <see cref="IsDefault"/> is null for a required one, which has no default.</summary>
internal sealed record SettingView(string Name, object? Value, bool? IsDefault);
internal sealed record SecretView(string Name, string Holds, string State);

internal sealed record SettingErrorView(string Field, string Message)
{
    public static IReadOnlyList<SettingErrorView> From(IEnumerable<TenantSettingError> errors) =>
        errors.Select(e => new SettingErrorView(e.Field, e.Message)).ToList();
}

/// <summary><c>tenants add/update/enable/disable --json</c>: the tenant as stored now, what changed, and the secrets to create.</summary>
internal sealed record TenantChangeResult(
    string TenantId, string Action, IReadOnlyList<SettingChange> Changes, IReadOnlyList<SettingView> Settings,
    IReadOnlyList<SecretInstruction> Secrets);

internal sealed record SettingChange(string Name, object? From, object? To);
internal sealed record SecretInstruction(string Name, string Holds, string Create);
