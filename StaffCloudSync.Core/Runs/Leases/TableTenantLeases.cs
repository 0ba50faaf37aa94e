using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Core.Runs.Leases;

/// <summary>Rows of the <c>TenantLeases</c> table, taken and given back with ETags so two runs that meet cannot both win.</summary>
public sealed class TableTenantLeases(StorageTables tables, TimeProvider time) : ITenantLeases
{
    private const string Partition = "lease";
    private const string RunIdColumn = "RunId";
    private const string ExpiresAtColumn = "ExpiresAt";
    // Set by a hand-over: the named run has not started yet, so its first acquire is not a second delivery.
    private const string HandedOverColumn = "HandedOver";

    public async Task<LeaseResult> TryAcquireAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var span = SyncTelemetry.StartPhase(SyncTelemetry.LeaseSpan);
        var table = await tables.Leases.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var lease = new TableEntity(Partition, tenantId) { [RunIdColumn] = runId, [ExpiresAtColumn] = now + duration };

        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, tenantId, cancellationToken: cancellationToken);
        try
        {
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(lease, cancellationToken);
                return new LeaseResult(true, null, null);
            }

            var current = existing.Value!;
            var holder = current.GetString(RunIdColumn);
            var expiresAt = current.GetDateTimeOffset(ExpiresAtColumn);

            // Unless the continuation this lease was handed to starts: it takes it (once: the flag goes with it).
            if (expiresAt > now && (holder != runId || current.GetBoolean(HandedOverColumn) != true))
                return new LeaseResult(false, holder, expiresAt);

            await table.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken);
            return new LeaseResult(true, null, null);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another run took it between our read and our write.
            var winner = await table.GetEntityIfExistsAsync<TableEntity>(Partition, tenantId, cancellationToken: cancellationToken);
            var held = winner.HasValue ? winner.Value : null;
            return new LeaseResult(false, held?.GetString(RunIdColumn), held?.GetDateTimeOffset(ExpiresAtColumn));
        }
    }

    public async Task<bool> RenewAsync(string tenantId, string runId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var (table, lease) = await HeldAsync(tenantId, runId, cancellationToken);
        if (lease is null)
            return false;

        lease[ExpiresAtColumn] = time.GetUtcNow() + duration;
        return await OursAsync(table.UpdateEntityAsync(lease, lease.ETag, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<bool> HandOverAsync(string tenantId, string fromRunId, string toRunId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var (table, current) = await HeldAsync(tenantId, fromRunId, cancellationToken);
        if (current is null)
            return false;

        var lease = new TableEntity(Partition, tenantId)
            { [RunIdColumn] = toRunId, [ExpiresAtColumn] = time.GetUtcNow() + duration, [HandedOverColumn] = true };
        return await OursAsync(table.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task ReleaseAsync(string tenantId, string runId, CancellationToken cancellationToken)
    {
        var (table, lease) = await HeldAsync(tenantId, runId, cancellationToken);
        if (lease is not null)
            await OursAsync(table.DeleteEntityAsync(Partition, tenantId, lease.ETag, cancellationToken));
    }

    private async Task<(TableClient Table, TableEntity? Lease)> HeldAsync(string tenantId, string runId, CancellationToken cancellationToken)
    {
        var table = await tables.Leases.GetAsync(cancellationToken);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, tenantId, cancellationToken: cancellationToken);
        return (table, existing.HasValue && existing.Value!.GetString(RunIdColumn) == runId ? existing.Value : null);
    }

    // False when the write found the lease released, or taken over after it expired.
    private static async Task<bool> OursAsync(Task write)
    {
        try
        {
            await write;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}
