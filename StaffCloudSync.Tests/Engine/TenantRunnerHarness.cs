using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Runs.Marker;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Engine;

/// <summary>The run owner over given clients and stores, as the hosts wire it; its leases in the storage's table.</summary>
internal static class TenantRunnerHarness
{
    public static TenantRunner Create(
        TenantStore tenants, RunStore runs, StorageTables tables, IStaffCloudClient staffCloud, IMobieTrainClient mobieTrain, SyncOptions sync,
        TimeProvider time, ILoggerFactory? logs = null, ISyncQueue? queue = null, ITenantLeases? leases = null, DispatchOptions? dispatch = null)
    {
        logs ??= NullLoggerFactory.Instance;
        var options = Options.Create(sync);
        leases ??= new TableTenantLeases(tables, time);
        return new TenantRunner(tenants, runs, new SnapshotReader(staffCloud, mobieTrain, options, logs.CreateLogger<SnapshotReader>()),
            new PlanApplier(mobieTrain, options, logs.CreateLogger<PlanApplier>()),
            new AccountMarkers(mobieTrain, logs.CreateLogger<AccountMarkers>()), queue ?? new NoQueue(), leases,
            new TenantLeaseKeeper(leases, time, logs.CreateLogger<TenantLeaseKeeper>()), Options.Create(dispatch ?? new DispatchOptions()), options,
            Options.Create(new QuarantineOptions()), time, logs.CreateLogger<TenantRunner>());
    }

    /// <summary>An inline run queues nothing; a test that queues passes a real queue.</summary>
    private sealed class NoQueue : ISyncQueue
    {
        public Task EnqueueAsync(SyncRequest message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("an inline run queues nothing");

        public Task EnqueueAsync(SyncRequest message, TimeSpan visibilityDelay, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("an inline run queues nothing");
    }
}
