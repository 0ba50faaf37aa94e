using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync;
using StaffCloudSync.Core.Sync.Applying;
using StaffCloudSync.Core.Sync.Reading;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Fakes;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>The tenant-sync service on Azurite-backed stores with in-memory StaffCloud and MobieTrain.</summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly StorageHarness _storage;

    private SyncHarness(StorageHarness storage, SyncOptions? sync)
    {
        _storage = storage;
        StaffCloud = new InMemoryStaffCloud();
        MobieTrain = new InMemoryMobieTrain(storage.Time);
        var options = Options.Create(sync ?? new SyncOptions());
        Service = new TenantSyncService(storage.Tenants, storage.Runs, new SnapshotReader(StaffCloud, MobieTrain, options, new FakeLogger<SnapshotReader>(Logs)),
            new PlanApplier(MobieTrain, options, new FakeLogger<PlanApplier>(Logs)), Options.Create(new Core.Tenants.QuarantineOptions()), options, storage.Time, new FakeLogger<TenantSyncService>(Logs));
        storage.Time.SetUtcNow(Plans.Now);
    }

    public InMemoryStaffCloud StaffCloud { get; }

    /// <summary>Every log line the service and the applier wrote.</summary>
    public FakeLogCollector Logs { get; } = new();

    public InMemoryMobieTrain MobieTrain { get; }

    public TenantSyncService Service { get; }

    public TenantStore Tenants => _storage.Tenants;

    public StorageHarness Storage => _storage;

    public RunStore Runs => _storage.Runs;

    /// <summary>"allow deletions" as the CLI grants it, on the harness's clock.</summary>
    public DeletionApprovals Approvals => new(_storage.Tenants, _storage.Runs, _storage.Time);

    public static async Task<SyncHarness> CreateAsync(TenantSettings? tenant = null, SyncOptions? sync = null)
    {
        var harness = new SyncHarness(await StorageHarness.CreateAsync(), sync);
        await harness.Tenants.AddAsync(tenant ?? Plans.DefaultTenant(), CancellationToken.None);
        return harness;
    }

    /// <summary>Seeds StaffCloud and MobieTrain from a planner-test description.</summary>
    public SyncHarness Seed(Plans plans)
    {
        var snapshot = plans.Snapshot();
        StaffCloud.Employees.AddRange(snapshot.StaffCloud.Employees);
        StaffCloud.Events.AddRange(snapshot.StaffCloud.Events);
        StaffCloud.Assignments.AddRange(snapshot.StaffCloud.Assignments);
        MobieTrain.Groups.AddRange(snapshot.MobieTrain.UserGroups);
        MobieTrain.Users.AddRange(snapshot.MobieTrain.Users);
        MobieTrain.Invitations.AddRange(snapshot.MobieTrain.Invitations);
        return this;
    }

    public Task<SyncOutcome> RunAsync(bool dryRun = false, string tenantId = "acme") =>
        Service.RunAsync(new SyncRequest(tenantId, SyncRequest.NewRunId(), RunTrigger.Manual, dryRun), CancellationToken.None);

    public ValueTask DisposeAsync() => _storage.DisposeAsync();
}
