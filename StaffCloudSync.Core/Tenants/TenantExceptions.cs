namespace StaffCloudSync.Core.Tenants;

/// <summary>A tenant row or a requested change is invalid; <see cref="Errors"/> names each field.</summary>
public sealed class TenantValidationException(IReadOnlyList<TenantSettingError> errors) : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<TenantSettingError> Errors { get; } = errors;
}

/// <summary>The tenant already exists, does not exist, or its row changed under us (ETag).</summary>
public sealed class TenantConflictException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>One problem with one field of one tenant's row; its text names both, never a secret.</summary>
public sealed record TenantSettingError(string TenantId, string Field, string Message)
{
    public override string ToString() => $"tenant '{TenantId}': {Field}: {Message}";
}
