using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Core.Tenants;

/// <summary>The tenant registry: one row per tenant (<see cref="TenantEntityMapper"/>); a deletion approval is a document of its own.</summary>
public sealed class TenantStore(StorageTables tables, ILogger<TenantStore> logger)
{
    // Each retry needs another writer to change the row in between: more than a few means a loop, which should surface.
    private const int MaxWriteAttempts = 10;
    private readonly Ensured<TableClient> _table = tables.Tenants;
    private readonly DeletionApprovalDocuments _approvals = new(tables.Documents, logger);

    public async Task SetDeletionApprovalAsync(string tenantId, DeletionApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (await ReadEntityAsync(tenantId, cancellationToken) is null)
            throw NotFound(tenantId, null);

        await _approvals.SetAsync(tenantId, approval, cancellationToken);
    }

    public Task<DeletionApproval?> UpdateDeletionApprovalAsync(
        string tenantId, string approvalId, Func<DeletionApproval, DeletionApproval?> change, CancellationToken cancellationToken) =>
        TableKeys.IsValid(tenantId) ? _approvals.UpdateAsync(tenantId, approvalId, change, cancellationToken) : Task.FromResult<DeletionApproval?>(null);

    public async Task<TenantRecord?> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        await ReadEntityAsync(tenantId, cancellationToken) is { } entity
            ? TenantEntityMapper.ToRecord(entity, await _approvals.GetAsync(tenantId, cancellationToken))
            : null;

    /// <summary>Every row, valid or not, ordered by tenant id.</summary>
    public async IAsyncEnumerable<TenantRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var approved = await _approvals.TenantsWithApprovalAsync(cancellationToken);
        await foreach (var entity in ListEntitiesAsync(cancellationToken))
        {
            var approval = approved.Contains(entity.RowKey) ? await _approvals.GetAsync(entity.RowKey, cancellationToken) : null;
            yield return TenantEntityMapper.ToRecord(entity, approval);
        }
    }

    private async IAsyncEnumerable<TableEntity> ListEntitiesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TenantEntityMapper.PartitionKey}");
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey != TenantEntityMapper.RegistryRowKey)
                yield return entity;
        }
    }

    /// <summary>Throws <see cref="TenantValidationException"/> for invalid settings or an account another row claims, and
    /// <see cref="TenantConflictException"/> when the id exists.</summary>
    public async Task AddAsync(TenantSettings settings, CancellationToken cancellationToken)
    {
        TenantSettingsValidator.EnsureValid(settings);
        await ClaimAsync(settings.TenantId, rows =>
        {
            if (rows.Any(r => r.TenantId == settings.TenantId))
                throw new TenantConflictException($"Tenant '{settings.TenantId}' already exists.");

            return (TenantClaims.Conflicts(settings, rows), new TableTransactionAction(TableTransactionActionType.Add, TenantEntityMapper.ToEntity(settings)));
        }, cancellationToken);
    }

    /// <summary>Only if the row still has <paramref name="ifMatch"/>'s ETag (<see cref="ETag.All"/>: unconditionally); refused with
    /// <see cref="TenantValidationException"/> when the change would make it share an account with another row.</summary>
    public async Task UpdateAsync(TenantSettings settings, ETag ifMatch, CancellationToken cancellationToken)
    {
        TenantSettingsValidator.EnsureValid(settings);
        await ClaimAsync(settings.TenantId, rows =>
        {
            var current = rows.FirstOrDefault(r => r.TenantId == settings.TenantId) ?? throw NotFound(settings.TenantId, null);
            if (ifMatch != ETag.All && current.ETag != ifMatch)
                throw ChangedMeanwhile(settings.TenantId, null);

            // A changed account disables the row whoever writes it (AccountChange); the CLI applies it first, so it shows.
            if (current.Settings is { } known && AccountChange.Changes(known, settings))
                settings = AccountChange.Apply(known, settings);

            // Merge: the health columns (and any an operator added) stay. Only conflicts the change adds refuse it, so a
            // row that already shares an account can still be disabled or corrected.
            return (TenantClaims.Added(current.Settings, settings, rows),
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, TenantEntityMapper.ToEntity(settings), ifMatch));
        }, cancellationToken);
    }

    /// <summary>Replaces exactly the row read, on its ETag: a concurrent change is never overwritten, the change is made again on
    /// the fresh row instead. Null when the tenant does not exist.</summary>
    public Task<TenantHealth?> UpdateHealthAsync(string tenantId, Func<TenantHealth, TenantHealth> change, CancellationToken cancellationToken) =>
        RetryChangedAsync<TenantHealth?>(tenantId, logger, async () =>
        {
            if (await ReadEntityAsync(tenantId, cancellationToken) is not { } entity)
                return null;

            var health = change(TenantEntityMapper.ReadHealth(entity));
            TenantEntityMapper.SetHealth(entity, health);
            await (await _table.GetAsync(cancellationToken)).UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return health;
        });

    /// <summary>Runs <paramref name="attempt"/> again while it fails on a row or document changed (412) or gone (404) meanwhile.</summary>
    internal static async Task<T> RetryChangedAsync<T>(string tenantId, ILogger logger, Func<Task<T>> attempt)
    {
        for (var n = 1; n <= MaxWriteAttempts; n++)
        {
            try
            {
                return await attempt();
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                TenantsLog.ChangeRetried(logger, tenantId, n);
            }
        }

        throw new TenantConflictException($"Tenant '{tenantId}' kept changing while it was being written ({MaxWriteAttempts} attempts).");
    }

    /// <summary>Writes a tenant row and bumps the registry row in one transaction: <paramref name="decide"/> checked the rows as
    /// listed after the registry was read, so a concurrent add or account change (which bumps it too) fails this one.</summary>
    private async Task ClaimAsync(
        string tenantId, Func<IReadOnlyCollection<TenantRecord>, (IReadOnlyList<TenantSettingError> Conflicts, TableTransactionAction Write)> decide,
        CancellationToken cancellationToken)
    {
        var client = await _table.GetAsync(cancellationToken);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var registry = await client.GetEntityIfExistsAsync<TableEntity>(TenantEntityMapper.PartitionKey, TenantEntityMapper.RegistryRowKey,
                cancellationToken: cancellationToken);
            // Settings only: the check compares accounts, so no approval is read.
            var rows = await ListEntitiesAsync(cancellationToken).Select(e => TenantEntityMapper.ToRecord(e, null)).ToListAsync(cancellationToken);
            var (conflicts, write) = decide(rows);
            if (conflicts.Count > 0)
                throw new TenantValidationException(conflicts);

            var bump = new TableEntity(TenantEntityMapper.PartitionKey, TenantEntityMapper.RegistryRowKey) { ["ChangedBy"] = tenantId };
            var actions = new List<TableTransactionAction>
            {
                write,
                registry.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, bump, registry.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, bump),
            };
            try
            {
                await client.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && write.ActionType == TableTransactionActionType.UpdateMerge)
            {
                throw ex.Status == 404 ? NotFound(tenantId, ex) : ChangedMeanwhile(tenantId, ex);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else added or changed a tenant in between (or added this one): decide again on the fresh rows.
                TenantsLog.ChangeRetried(logger, tenantId, attempt);
            }
        }

        throw new TenantConflictException($"The Tenants table kept changing while tenant '{tenantId}' was being written ({MaxWriteAttempts} attempts).");
    }

    private async Task<TableEntity?> ReadEntityAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(tenantId) || tenantId == TenantEntityMapper.RegistryRowKey)
            return null;

        var client = await _table.GetAsync(cancellationToken);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(TenantEntityMapper.PartitionKey, tenantId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static TenantConflictException ChangedMeanwhile(string tenantId, Exception? inner) =>
        new($"Tenant '{tenantId}' was changed by someone else since it was read: read it again and reapply the change.", inner);

    private static TenantConflictException NotFound(string? tenantId, Exception? inner) => new($"Tenant '{tenantId}' does not exist.", inner);
}
