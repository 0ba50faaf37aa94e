using System.Diagnostics.CodeAnalysis;

namespace StaffCloudSync.Core.Tenants;

/// <summary>A tenant row as read: its settings (null when the row cannot be read into settings at all), the problems found, its approval.</summary>
public sealed record TenantRecord(
    string TenantId, TenantSettings? Settings, IReadOnlyList<TenantSettingError> Errors, DeletionApproval? DeletionApproval, ETag ETag)
{
    [MemberNotNullWhen(true, nameof(Settings))]
    public bool IsValid => Settings is not null && Errors.Count == 0;

    /// <summary>Reading them from an invalid row is a programming error, said so with the tenant, instead of a null a `!` would hide.</summary>
    public TenantSettings ValidSettings => IsValid
        ? Settings
        : throw new InvalidOperationException($"tenant '{TenantId}' has an invalid row; its settings are not known valid");

    public TenantHealth Health { get; init; } = TenantHealth.Healthy;
}

/// <summary>An operator's "allow deletions": exactly the persons (StaffCloud employee ids) whose deletions the run
/// <see cref="ApprovedRunId"/> held, until <see cref="ExpiresAt"/>; runs remove those they deleted (docs/decisions.md).</summary>
public sealed record DeletionApproval(
    string Id, string ApprovedRunId, IReadOnlySet<long> Employees, DateTimeOffset GrantedAt, string? GrantedBy, DateTimeOffset ExpiresAt)
{
    public bool IsInForceAt(DateTimeOffset now) => now < ExpiresAt && Employees.Count > 0;

    public bool Equals(DeletionApproval? other) =>
        other is not null && Id == other.Id && ApprovedRunId == other.ApprovedRunId && Employees.SetEquals(other.Employees)
        && GrantedAt == other.GrantedAt && GrantedBy == other.GrantedBy && ExpiresAt == other.ExpiresAt;

    public override int GetHashCode() => HashCode.Combine(Id, ApprovedRunId, Employees.Count, GrantedAt, GrantedBy, ExpiresAt);
}
