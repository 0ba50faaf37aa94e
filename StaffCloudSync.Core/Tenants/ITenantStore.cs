namespace StaffCloudSync.Core.Tenants;

/// <summary>The tenant registry (Table Storage table <c>Tenants</c>, one row per tenant).</summary>
public interface ITenantStore
{
    /// <summary>The tenant's row, validated; null when there is no row with that id.</summary>
    Task<TenantRecord?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every row, valid or not, ordered by tenant id.</summary>
    IAsyncEnumerable<TenantRecord> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a new tenant; throws <see cref="TenantValidationException"/> for invalid settings and
    /// <see cref="TenantConflictException"/> when the id exists.</summary>
    Task AddAsync(TenantSettings settings, CancellationToken cancellationToken);

    /// <summary>Replaces the settings of an existing tenant (keeping its approval), only if the row still has
    /// <paramref name="ifMatch"/>'s ETag (<see cref="Azure.ETag.All"/> to overwrite unconditionally).</summary>
    Task UpdateAsync(TenantSettings settings, Azure.ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>Grants the one-shot "allow deletions" for the tenant's next non-dry run.</summary>
    Task<DeletionApproval> AllowDeletionsAsync(string tenantId, string? grantedBy, CancellationToken cancellationToken);

    /// <summary>Changes the tenant's health (failures in a row, quarantine) on the row it read, retrying when someone
    /// wrote in between; null when the tenant does not exist.</summary>
    Task<TenantHealth?> UpdateHealthAsync(string tenantId, Func<TenantHealth, TenantHealth> change, CancellationToken cancellationToken);

    /// <summary>Clears the approval with this id if it is still the pending one; false when it was not.</summary>
    Task<bool> ConsumeDeletionApprovalAsync(string tenantId, string approvalId, CancellationToken cancellationToken);
}
