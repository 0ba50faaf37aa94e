namespace StaffCloudSync.Core.Platform.Storage;

/// <summary>Each table and container is created on first use only: a CreateIfNotExists per call would double every request.</summary>
public sealed class StorageTables(TableServiceClient tableService, BlobServiceClient blobService, IOptions<StorageOptions> options)
{
    public Ensured<TableClient> Tenants { get; } = Ensured.Table(tableService, options.Value.NamePrefix + StorageOptions.DefaultTenantsTableName);
    public Ensured<TableClient> Runs { get; } = Ensured.Table(tableService, options.Value.NamePrefix + StorageOptions.DefaultRunsTableName);
    public Ensured<TableClient> Leases { get; } = Ensured.Table(tableService, options.Value.NamePrefix + StorageOptions.DefaultLeasesTableName);

    /// <summary>The <c>run-details</c> container: a blob per run and the deletion approvals.</summary>
    public Ensured<BlobContainerClient> Documents { get; } = Ensured.Container(
        blobService.GetBlobContainerClient(options.Value.NamePrefix.ToLowerInvariant() + StorageOptions.DefaultRunDetailsContainerName));
}

/// <summary>A client whose table or container is created once; a failed creation is tried again by the next caller.</summary>
public sealed class Ensured<TClient>(TClient client, Func<CancellationToken, Task> create)
{
    private readonly Lock _gate = new();
    private Task? _creation;

    public TClient Client => client;

    public async ValueTask<TClient> GetAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (_gate)
        {
            // Not tied to one caller's token: a cancelled caller must not leave the others a cancelled creation.
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
                _creation = create(CancellationToken.None);

            task = _creation;
        }

        await task.WaitAsync(cancellationToken);
        return client;
    }
}

public static class Ensured
{
    public static Ensured<TableClient> Table(TableServiceClient service, string name) => Table(service.GetTableClient(name));

    private static Ensured<TableClient> Table(TableClient client) => new(client, token => client.CreateIfNotExistsAsync(token));

    public static Ensured<BlobContainerClient> Container(BlobContainerClient client) => new(client, token => client.CreateIfNotExistsAsync(cancellationToken: token));
}

/// <summary>What Table storage accepts as a PartitionKey or RowKey; checked first so a bad id is "not found", not a 400.</summary>
public static class TableKeys
{
    private const int MaxKeyLength = 1024;

    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
