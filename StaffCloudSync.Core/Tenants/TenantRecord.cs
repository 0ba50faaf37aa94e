using Azure;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// A tenant row as read from the registry: its settings (null when the row cannot be read into settings at
/// all), the problems found in it, the pending one-shot deletion approval, and the row's ETag.
/// </summary>
public sealed record TenantRecord(
    string TenantId,
    TenantSettings? Settings,
    IReadOnlyList<TenantSettingError> Errors,
    DeletionApproval? DeletionApproval,
    ETag ETag)
{
    public bool IsValid => Settings is not null && Errors.Count == 0;

    /// <summary>Failures in a row and quarantine (kept on the row, written by the runs).</summary>
    public TenantHealth Health { get; init; } = TenantHealth.Healthy;
}

/// <summary>
/// An operator's "allow deletions" for the next non-dry run of one tenant. The id lets the run that used it
/// clear exactly this approval, never one granted while it was running.
/// </summary>
public sealed record DeletionApproval(string Id, DateTimeOffset GrantedAt, string? GrantedBy);
