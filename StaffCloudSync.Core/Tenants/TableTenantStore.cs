using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Storage;

namespace StaffCloudSync.Core.Tenants;

/// <summary>The tenant registry in Table storage: one row per tenant (<see cref="TenantEntityMapper"/>).</summary>
public sealed partial class TableTenantStore : ITenantStore
{
    // Each attempt needs another writer to change the row in between: more than a few in a row means something
    // is rewriting it in a loop, which should surface instead of spinning.
    private const int MaxConsumeAttempts = 10;

    private readonly EnsuredTable table;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<TableTenantStore> logger;

    public TableTenantStore(StorageTables tables, TimeProvider timeProvider, ILogger<TableTenantStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Tenants;
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<TenantRecord?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var entity = await ReadEntityAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : TenantEntityMapper.ToRecord(entity);
    }

    public async IAsyncEnumerable<TenantRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TenantEntityMapper.PartitionKey}");
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return TenantEntityMapper.ToRecord(entity);
        }
    }

    public async Task AddAsync(TenantSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TenantSettingsValidator.EnsureValid(settings);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.AddEntityAsync(TenantEntityMapper.ToEntity(settings), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new TenantConflictException($"Tenant '{settings.TenantId}' already exists.", ex);
        }
    }

    public async Task UpdateAsync(TenantSettings settings, ETag ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TenantSettingsValidator.EnsureValid(settings);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Merge, not replace: the approval columns (and any column an operator added) stay as they are, and the
            // ETag still makes the whole change conditional on the row the caller read.
            await client.UpdateEntityAsync(TenantEntityMapper.ToEntity(settings), ifMatch, TableUpdateMode.Merge, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new TenantConflictException(
                $"Tenant '{settings.TenantId}' was changed by someone else since it was read: read it again and reapply the change.", ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw NotFound(settings.TenantId, ex);
        }
    }

    public async Task<DeletionApproval> AllowDeletionsAsync(string tenantId, string? grantedBy, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(tenantId))
        {
            throw NotFound(tenantId, null);
        }

        var approval = new DeletionApproval(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), timeProvider.GetUtcNow(), grantedBy);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One unconditional merge of the three approval columns: a newer approval replaces an older one as a
            // whole, settings are untouched, and it cannot meet an ETag conflict, so there is nothing to retry. A run
            // consuming the older approval at the same time fails its conditional write and re-reads (below).
            await client.UpdateEntityAsync(TenantEntityMapper.ToApprovalEntity(tenantId, approval), ETag.All, TableUpdateMode.Merge, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw NotFound(tenantId, ex);
        }

        LogDeletionsAllowed(tenantId, approval.Id);
        return approval;
    }

    public async Task<bool> ConsumeDeletionApprovalAsync(string tenantId, string approvalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(approvalId);
        for (var attempt = 1; attempt <= MaxConsumeAttempts; attempt++)
        {
            var entity = await ReadEntityAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (entity is null || entity.GetString(TenantEntityMapper.ApprovalId) != approvalId)
            {
                return false;
            }

            TenantEntityMapper.RemoveApproval(entity);
            try
            {
                // Replace exactly the row we read, minus the approval; if anyone wrote in between (an operator granting
                // a new approval), the ETag fails and the re-read decides again, so a newer approval is never lost.
                var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
                await client.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                LogDeletionApprovalConsumed(tenantId, approvalId);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                LogConsumeRetried(tenantId, attempt);
            }
        }

        throw new TenantConflictException(
            $"Tenant '{tenantId}' kept changing while its deletion approval was being used ({MaxConsumeAttempts} attempts).");
    }

    public async Task<TenantHealth?> UpdateHealthAsync(string tenantId, Func<TenantHealth, TenantHealth> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; attempt <= MaxConsumeAttempts; attempt++)
        {
            var entity = await ReadEntityAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return null;
            }

            var health = change(TenantEntityMapper.ToRecord(entity).Health);
            TenantEntityMapper.SetHealth(entity, health);
            try
            {
                // The row as read plus the new health, conditional on its ETag: a concurrent settings change or approval
                // is never overwritten, the change is decided again on the fresh row instead.
                var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
                await client.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return health;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                LogConsumeRetried(tenantId, attempt);
            }
        }

        throw new TenantConflictException($"Tenant '{tenantId}' kept changing while its health was being recorded ({MaxConsumeAttempts} attempts).");
    }

    private async Task<TableEntity?> ReadEntityAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(tenantId))
        {
            return null;
        }

        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(TenantEntityMapper.PartitionKey, tenantId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static TenantConflictException NotFound(string? tenantId, Exception? inner)
    {
        var message = $"Tenant '{tenantId}' does not exist.";
        return inner is null ? new TenantConflictException(message) : new TenantConflictException(message, inner);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Deletions allowed for tenant {TenantId}: approval {ApprovalId}")]
    private partial void LogDeletionsAllowed(string tenantId, string approvalId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Deletion approval {ApprovalId} of tenant {TenantId} used")]
    private partial void LogDeletionApprovalConsumed(string tenantId, string approvalId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Tenant {TenantId} changed while its approval was being used; reading it again (attempt {Attempt})")]
    private partial void LogConsumeRetried(string tenantId, int attempt);
}
