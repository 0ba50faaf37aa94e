namespace StaffCloudSync.Core.Tenants;

/// <summary>The tenant registry (Table Storage table <c>Tenants</c>, one row per tenant).</summary>
public interface ITenantStore
{
    /// <summary>The tenant's row, validated; null when there is no row with that id.</summary>
    Task<TenantRecord?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every row, valid or not, ordered by tenant id.</summary>
    IAsyncEnumerable<TenantRecord> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a new tenant; throws <see cref="TenantValidationException"/> for invalid settings or an account another
    /// row claims (<see cref="TenantClaims"/>), and <see cref="TenantConflictException"/> when the id exists.</summary>
    Task AddAsync(TenantSettings settings, CancellationToken cancellationToken);

    /// <summary>Replaces the settings of an existing tenant (keeping its approval), only if the row still has
    /// <paramref name="ifMatch"/>'s ETag (<see cref="Azure.ETag.All"/> to overwrite unconditionally); refused with
    /// <see cref="TenantValidationException"/> when the change would make it share an account with another row.</summary>
    Task UpdateAsync(TenantSettings settings, Azure.ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>Stores an approval of held deletions, replacing any earlier one as a whole (<see cref="DeletionApprovals"/> makes it).</summary>
    Task SetDeletionApprovalAsync(string tenantId, DeletionApproval approval, CancellationToken cancellationToken);

    /// <summary>Changes the tenant's health (failures in a row, quarantine) on the row it read, retrying when someone
    /// wrote in between; null when the tenant does not exist.</summary>
    Task<TenantHealth?> UpdateHealthAsync(string tenantId, Func<TenantHealth, TenantHealth> change, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the approval with this id if it is still the tenant's (null from <paramref name="change"/> removes it), on the
    /// row's ETag so a newer approval granted meanwhile is never touched; returns the approval now on the row.
    /// </summary>
    Task<DeletionApproval?> UpdateDeletionApprovalAsync(
        string tenantId, string approvalId, Func<DeletionApproval, DeletionApproval?> change, CancellationToken cancellationToken);
}
