using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Storage;

namespace StaffCloudSync.Core.Runs;

/// <summary>
/// Run records in Table storage: partition = tenant, RowKey = inverted start ticks + "_" + run id, so the
/// partition reads newest first.
/// </summary>
/// <remarks>
/// Finding a run by id: Table storage filters RowKeys by range only, and the run id sits behind the start time,
/// which a caller holding only the id does not know. Each run therefore has a small index entity in the same
/// partition (RowKey "runid_" + id, pointing at the run's RowKey), written in the same entity-group transaction
/// as the run so the two never disagree; a lookup is two point reads instead of a scan of the tenant's history.
/// Index rows start with a letter and run rows with a digit, so listing takes a RowKey range that skips them.
/// </remarks>
public sealed class TableRunStore : IRunStore
{
    private const int MaxPageSize = 100;

    private readonly EnsuredTable _table;
    private readonly ILogger<TableRunStore> _logger;

    public TableRunStore(StorageTables tables, ILogger<TableRunStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Runs;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task WriteAsync(RunRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!TableKeys.IsValid(record.TenantId) || !TableKeys.IsValid(record.RunId) || record.RunId.Length > 200)
        {
            throw new ArgumentException("A run record needs a tenant id and a run id (up to 200 characters) usable as table keys.", nameof(record));
        }

        var details = RunDetailsCodec.Encode(new RunDetails(record.Skipped, record.HeldDeletions, record.Failures, record.Approval));
        if (details.Truncated)
        {
            RunsLog.DetailsTruncated(_logger, record.TenantId, record.RunId, details.KeptEntries, details.TotalEntries);
        }

        var client = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = RunEntityMapper.ToEntity(record, details);
        var actions = new List<TableTransactionAction>
        {
            // Replace, not merge: a final record with fewer detail chunks than its "Running" version leaves none behind.
            new(TableTransactionActionType.UpsertReplace, entity),
            new(TableTransactionActionType.UpsertReplace, RunEntityMapper.ToIndexEntity(record)),
        };

        // A run written again with another start time would otherwise leave its first row behind, unreachable by id.
        var previous = await ReadIndexAsync(client, record.TenantId, record.RunId, cancellationToken).ConfigureAwait(false);
        if (previous is not null && previous != entity.RowKey)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.TenantId, previous), ETag.All));
        }

        try
        {
            await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404 && previous is not null)
        {
            // The earlier row was already gone: write without deleting it.
            await client.SubmitTransactionAsync(actions.Take(2), cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<RunRecord> ListRecentAsync(string tenantId, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (max <= 0 || !TableKeys.IsValid(tenantId))
        {
            yield break;
        }

        var client = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {tenantId} and RowKey ge {RunEntityMapper.FirstRunRowKey} and RowKey lt {RunEntityMapper.AfterLastRunRowKey}");
        var returned = 0;
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, Math.Min(max, MaxPageSize), cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            yield return RunEntityMapper.ToRecord(entity);
            if (++returned >= max)
            {
                yield break;
            }
        }
    }

    public async Task<RunRecord?> GetAsync(string tenantId, string runId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(tenantId) || !TableKeys.IsValid(runId))
        {
            return null;
        }

        var client = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = await ReadIndexAsync(client, tenantId, runId, cancellationToken).ConfigureAwait(false);
        if (rowKey is null)
        {
            return null;
        }

        var run = await client.GetEntityIfExistsAsync<TableEntity>(tenantId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return run.HasValue ? RunEntityMapper.ToRecord(run.Value!) : null;
    }

    private static async Task<string?> ReadIndexAsync(TableClient client, string tenantId, string runId, CancellationToken cancellationToken)
    {
        var index = await client.GetEntityIfExistsAsync<TableEntity>(
            tenantId, RunEntityMapper.IndexRowKey(runId), [RunEntityMapper.IndexTarget], cancellationToken).ConfigureAwait(false);
        return index.HasValue ? index.Value!.GetString(RunEntityMapper.IndexTarget) : null;
    }
}
