using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace StaffCloudSync.Core.Storage;

/// <summary>
/// The app's tables, each created on its first use and then never asked about again in this process: a
/// CreateIfNotExists per call would double every request.
/// </summary>
public sealed class StorageTables
{
    public StorageTables(TableServiceClient serviceClient, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentNullException.ThrowIfNull(options);
        Tenants = new EnsuredTable(serviceClient.GetTableClient(options.Value.TenantsTableName));
        Runs = new EnsuredTable(serviceClient.GetTableClient(options.Value.RunsTableName));
        Leases = new EnsuredTable(serviceClient.GetTableClient(options.Value.LeasesTableName));
    }

    public EnsuredTable Tenants { get; }

    public EnsuredTable Runs { get; }

    public EnsuredTable Leases { get; }
}

/// <summary>One table client whose table is created once; a failed creation is tried again by the next caller.</summary>
public sealed class EnsuredTable
{
    private readonly TableClient _client;
    private readonly Lock _gate = new();
    private Task? _creation;

    public EnsuredTable(TableClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    public string Name => _client.Name;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                // Not tied to one caller's token: a cancelled caller must not leave the others a cancelled creation.
                _creation = _client.CreateIfNotExistsAsync(CancellationToken.None);
            }

            task = _creation;
        }

        await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _client;
    }
}
