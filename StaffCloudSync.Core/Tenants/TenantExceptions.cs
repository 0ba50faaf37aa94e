namespace StaffCloudSync.Core.Tenants;

/// <summary>A tenant row or a requested change is invalid; <see cref="Errors"/> names each field.</summary>
public sealed class TenantValidationException : Exception
{
    public TenantValidationException(IReadOnlyList<TenantSettingError> errors)
        : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    public TenantValidationException() => Errors = [];

    public TenantValidationException(string message) : base(message) => Errors = [];

    public TenantValidationException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    public IReadOnlyList<TenantSettingError> Errors { get; }
}

/// <summary>The tenant already exists, does not exist, or its row changed under us (ETag).</summary>
public sealed class TenantConflictException : Exception
{
    public TenantConflictException() { }

    public TenantConflictException(string message) : base(message) { }

    public TenantConflictException(string message, Exception innerException) : base(message, innerException) { }
}
