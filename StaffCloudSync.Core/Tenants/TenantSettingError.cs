namespace StaffCloudSync.Core.Tenants;

/// <summary>One problem with one field of one tenant's row; its text names both, never a secret.</summary>
public sealed record TenantSettingError(string TenantId, string Field, string Message)
{
    public override string ToString() => $"tenant '{TenantId}': {Field}: {Message}";
}
