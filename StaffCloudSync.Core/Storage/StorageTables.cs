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
    private readonly TableClient client;
    private readonly Lock gate = new();
    private Task? creation;

    public EnsuredTable(TableClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

    public string Name => client.Name;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            if (creation is null || creation.IsFaulted || creation.IsCanceled)
            {
                // Not tied to one caller's token: a cancelled caller must not leave the others a cancelled creation.
                creation = client.CreateIfNotExistsAsync(CancellationToken.None);
            }

            task = creation;
        }

        await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
