using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Core.Runs.Records;

/// <summary>
/// Run records: the summary a person reads in the portal as a row of the <c>SyncRuns</c> table (partition = tenant,
/// RowKey = inverted start ticks + "_" + run id, so the partition reads newest first), and the run's lists (skipped,
/// held deletions, failures, approval) as one JSON document in the <c>run-details</c> container, blob
/// <c>{tenant}/{runId}.json</c>, which the row names.
/// </summary>
/// <remarks>
/// Finding a run by id: Table storage filters RowKeys by range only, and the run id sits behind the start time,
/// which a caller holding only the id does not know. Each run therefore has a small index entity in the same
/// partition (RowKey "runid_" + id, pointing at the run's RowKey), written in the same entity-group transaction
/// as the run so the two never disagree; a lookup is two point reads instead of a scan of the tenant's history.
/// Index rows start with a letter and run rows with a digit, so listing takes a RowKey range that skips them.
/// The details blob is written before the row that names it, so a row never names a blob that is not there yet.
/// </remarks>
public sealed class RunStore(StorageTables storage)
{
    private const int MaxPageSize = 100;

    /// <summary>Writes (inserts or replaces) the record of one run.</summary>
    public async Task WriteAsync(RunRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!TableKeys.IsValid(record.TenantId) || !TableKeys.IsValid(record.RunId) || record.RunId.Length > 200)
            throw new ArgumentException("A run record needs a tenant id and a run id (up to 200 characters) usable as table keys.", nameof(record));

        var details = new RunDetails(record.Skipped, record.HeldDeletions, record.Failures, record.Approval);
        string? blobName = null;
        if (details.Count > 0 || details.Approval is not null)
        {
            blobName = $"{record.TenantId}/{record.RunId}.json";
            var container = await storage.Documents.GetAsync(cancellationToken);
            var json = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(details, RunDetailsJsonContext.Default.RunDetails));
            await container.GetBlobClient(blobName).UploadAsync(json, overwrite: true, cancellationToken);
        }

        await RunWritesBlob.WriteAsync(storage, record, cancellationToken);
        var client = await storage.Runs.GetAsync(cancellationToken);
        var entity = RunEntityMapper.ToEntity(record, blobName);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, entity),
            new(TableTransactionActionType.UpsertReplace, RunEntityMapper.ToIndexEntity(record)),
        };

        // A run written again with another start time would otherwise leave its first row behind, unreachable by id.
        var previous = await ReadIndexAsync(client, record.TenantId, record.RunId, cancellationToken);
        if (previous is not null && previous != entity.RowKey)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.TenantId, previous), ETag.All));

        try
        {
            await client.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404 && previous is not null)
        {
            // The earlier row was already gone: write without deleting it.
            await client.SubmitTransactionAsync(actions.Take(2), cancellationToken);
        }
    }

    /// <summary>The tenant's runs, newest first, at most <paramref name="max"/>.</summary>
    public async IAsyncEnumerable<RunRecord> ListRecentAsync(string tenantId, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (max <= 0 || !TableKeys.IsValid(tenantId))
            yield break;

        var client = await storage.Runs.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {tenantId} and RowKey ge {RunEntityMapper.FirstRunRowKey} and RowKey lt {RunEntityMapper.AfterLastRunRowKey}");
        var returned = 0;
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, Math.Min(max, MaxPageSize), cancellationToken: cancellationToken))
        {
            yield return await ReadAsync(entity, cancellationToken);
            if (++returned >= max)
                yield break;
        }
    }

    /// <summary>One run with its lists; null when not found.</summary>
    public async Task<RunRecord?> GetAsync(string tenantId, string runId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(tenantId) || !TableKeys.IsValid(runId))
            return null;

        var client = await storage.Runs.GetAsync(cancellationToken);
        var rowKey = await ReadIndexAsync(client, tenantId, runId, cancellationToken);
        if (rowKey is null)
            return null;

        var run = await client.GetEntityIfExistsAsync<TableEntity>(tenantId, rowKey, cancellationToken: cancellationToken);
        return run.HasValue ? await ReadAsync(run.Value!, cancellationToken) : null;
    }

    // A row without a details blob (no lists, or written before the details moved to blobs) reads with empty lists.
    private async Task<RunRecord> ReadAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var record = RunEntityMapper.ToRecord(entity);
        if (entity.GetString(RunEntityMapper.DetailsBlob) is not { Length: > 0 } blobName)
            return record;

        var container = await storage.Documents.GetAsync(cancellationToken);
        BinaryData content;
        try
        {
            content = (await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return record;
        }

        var details = JsonSerializer.Deserialize(content.ToMemory().Span, RunDetailsJsonContext.Default.RunDetails)
            ?? throw new InvalidDataException($"Run record {entity.PartitionKey}/{entity.RowKey}: its details blob {blobName} is empty JSON.");
        return record with { Skipped = details.Skipped, HeldDeletions = details.HeldDeletions, Failures = details.Failures, Approval = details.Approval };
    }

    private static async Task<string?> ReadIndexAsync(TableClient client, string tenantId, string runId, CancellationToken cancellationToken)
    {
        var index = await client.GetEntityIfExistsAsync<TableEntity>(
            tenantId, RunEntityMapper.IndexRowKey(runId), [RunEntityMapper.IndexTarget], cancellationToken);
        return index.HasValue ? index.Value!.GetString(RunEntityMapper.IndexTarget) : null;
    }
}
