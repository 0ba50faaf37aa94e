using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Leases;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Fakes;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>The run owner on Azurite-backed stores with in-memory StaffCloud and MobieTrain.</summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly StorageHarness _storage;
    private readonly SyncOptions _options;
    private readonly ILoggerFactory _logs;

    private SyncHarness(StorageHarness storage, SyncOptions? sync)
    {
        _storage = storage;
        StaffCloud = new InMemoryStaffCloud();
        MobieTrain = new InMemoryMobieTrain(storage.Time);
        _options = sync ?? new SyncOptions();
        _logs = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        Runner = CreateRunner();
        storage.Time.SetUtcNow(Plans.Now);
    }

    public InMemoryStaffCloud StaffCloud { get; }

    /// <summary>Every log line the service and the applier wrote.</summary>
    public FakeLogCollector Logs { get; } = new();

    public InMemoryMobieTrain MobieTrain { get; }

    /// <summary>The run owner, runs inline (no queue).</summary>
    public TenantRunner Runner { get; }

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
        Runner.RunInlineAsync(new SyncRequest(tenantId, SyncRequest.NewRunId(), RunTrigger.Manual, dryRun), null, CancellationToken.None);

    /// <summary>Every invocation of <paramref name="request"/>'s chain, run inline, in order.</summary>
    public async Task<List<SyncOutcome>> RunChainAsync(SyncRequest request)
    {
        var outcomes = new List<SyncOutcome>();
        await Runner.RunInlineAsync(request, async (_, run) =>
        {
            var outcome = await run();
            outcomes.Add(outcome);
            return outcome;
        }, CancellationToken.None);
        return outcomes;
    }

    /// <summary>The snapshot reader a run of this harness reads with (previews read through it).</summary>
    public SnapshotReader Reader => new(StaffCloud, MobieTrain, Options.Create(_options), _logs.CreateLogger<SnapshotReader>());

    /// <summary>A run owner over this harness's clients and stores; a queue and leases of the caller's when it queues.</summary>
    public TenantRunner CreateRunner(ISyncQueue? queue = null, ITenantLeases? leases = null) =>
        TenantRunnerHarness.Create(_storage.Tenants, _storage.Runs, _storage.Tables, StaffCloud, MobieTrain, _options, _storage.Time, _logs, queue, leases);

    public async ValueTask DisposeAsync()
    {
        _logs.Dispose();
        await _storage.DisposeAsync();
    }
}
