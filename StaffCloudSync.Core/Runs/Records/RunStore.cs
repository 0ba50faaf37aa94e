using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Core.Runs.Records;

/// <summary>Run records: a <c>SyncRuns</c> row per run (partition = tenant, newest first), its lists as one JSON document in
/// <c>run-details</c> (<c>{tenant}/{runId}.json</c>) and its person writes beside it (<c>{tenant}/{runId}.writes.json</c>,
/// read only by the results file). An index entity ("runid_" + id → RowKey), written in the same transaction, makes a
/// lookup by id two point reads. Blobs are written before the row that names them.</summary>
public sealed class RunStore(StorageTables storage)
{
    private const int MaxPageSize = 100;

    public async Task WriteAsync(RunRecord record, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(record.TenantId) || !TableKeys.IsValid(record.RunId) || record.RunId.Length > 200)
            throw new ArgumentException("A run record needs a tenant id and a run id (up to 200 characters) usable as table keys.", nameof(record));

        string? blobName = null;
        if (record.Skipped.Count + record.HeldDeletions.Count + record.Failures.Count > 0 || record.Approval is not null)
        {
            blobName = $"{record.TenantId}/{record.RunId}.json";
            var details = new RunDetails(record.Skipped, record.HeldDeletions, record.Failures, record.Approval);
            await UploadAsync(blobName, details, RunJson.Default.RunDetails, cancellationToken);
        }

        // A record without writes (a start, a dry run) leaves an earlier writes blob be.
        if (record.Writes.Items.Count > 0 || record.Writes.Omitted > 0)
            await UploadAsync(WritesBlob(record.TenantId, record.RunId), record.Writes, RunJson.Default.RunWrites, cancellationToken);

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

    public async Task<RunWrites> GetWritesAsync(string tenantId, string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(WritesBlob(tenantId, runId), cancellationToken) is { } content
            ? JsonSerializer.Deserialize(content.ToMemory().Span, RunJson.Default.RunWrites) ?? RunWrites.Empty : RunWrites.Empty;

    private static string WritesBlob(string tenantId, string runId) => $"{tenantId}/{runId}.writes.json";

    // A row without a details blob (no lists, or written before the details moved to blobs) reads with empty lists.
    private async Task<RunRecord> ReadAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var record = RunEntityMapper.ToRecord(entity);
        if (entity.GetString(RunEntityMapper.DetailsBlob) is not { Length: > 0 } blobName
            || await DownloadAsync(blobName, cancellationToken) is not { } content)
            return record;

        var details = JsonSerializer.Deserialize(content.ToMemory().Span, RunJson.Default.RunDetails)
            ?? throw new InvalidDataException($"Run record {entity.PartitionKey}/{entity.RowKey}: its details blob {blobName} is empty JSON.");
        return record with { Skipped = details.Skipped, HeldDeletions = details.HeldDeletions, Failures = details.Failures, Approval = details.Approval };
    }

    private async Task UploadAsync<T>(string blobName, T value, JsonTypeInfo<T> json, CancellationToken cancellationToken)
    {
        var container = await storage.Documents.GetAsync(cancellationToken);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, json));
        await container.GetBlobClient(blobName).UploadAsync(content, overwrite: true, cancellationToken);
    }

    private async Task<BinaryData?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await storage.Documents.GetAsync(cancellationToken);
        try
        {
            return (await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static async Task<string?> ReadIndexAsync(TableClient client, string tenantId, string runId, CancellationToken cancellationToken)
    {
        var index = await client.GetEntityIfExistsAsync<TableEntity>(
            tenantId, RunEntityMapper.IndexRowKey(runId), [RunEntityMapper.IndexTarget], cancellationToken);
        return index.HasValue ? index.Value!.GetString(RunEntityMapper.IndexTarget) : null;
    }
}

internal sealed record RunDetails(IReadOnlyList<SkippedRecord> Skipped, IReadOnlyList<HeldDeletion> HeldDeletions,
    IReadOnlyList<RecordFailure> Failures, RunApproval? Approval = null);

// Enums as names: the stored JSON stays readable and survives a reordering of the enum members.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunDetails))]
[JsonSerializable(typeof(RunWrites))]
internal sealed partial class RunJson : JsonSerializerContext;
