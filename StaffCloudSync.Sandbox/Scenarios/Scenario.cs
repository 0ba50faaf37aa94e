using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Sandbox.Simulators;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>A scenario file (scenario-format.md), read and checked: what the systems hold, then the steps.</summary>
public sealed record Scenario(
    TenantSettings Tenant,
    StaffCloudRecords StaffCloud,
    MobieTrainContents MobieTrain,
    SimulatorSettings StaffCloudSimulator,
    SimulatorSettings MobieTrainSimulator,
    IReadOnlyList<ScenarioStep> Steps)
{
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>False (<c>"mobietrain": {"claimed": false}</c>) for a new or unclaimed account: the sandbox puts no marker.</summary>
    public bool MobieTrainClaimed { get; init; } = true;
}

public sealed record StaffCloudRecords(IReadOnlyList<JsonObject> Employees, IReadOnlyList<JsonObject> Events, IReadOnlyList<JsonObject> Assignments)
{
    public static StaffCloudRecords Empty { get; } = new([], [], []);

    public IEnumerable<(StaffCloudResource Resource, IReadOnlyList<JsonObject> Records)> ByResource() =>
        [(StaffCloudResource.Employees, Employees), (StaffCloudResource.Events, Events), (StaffCloudResource.Assignments, Assignments),
         (StaffCloudResource.Projects, Projects)];

    /// <summary>StaffCloud's projects (<c>{"id": 7, "name": "Store Zurich"}</c>), which events name in <c>project_id</c>.</summary>
    public IReadOnlyList<JsonObject> Projects { get; init; } = [];
}

public sealed record SimulatorSettings(int LatencyMs, int RateLimitPerSecond, IReadOnlyList<SimulatorFault> Faults)
{
    public static SimulatorSettings Default { get; } = new(0, 0, []);
}

public abstract record ScenarioStep;
public sealed record SyncStep(DateTimeOffset At, bool DryRun, int? MobieTrainOutageAfterWrites) : ScenarioStep;
public sealed record StaffCloudChangeStep(StaffCloudRecords Upsert, IReadOnlyList<long> DeleteEmployees, IReadOnlyList<long> DeleteEvents, IReadOnlyList<long> DeleteAssignments) : ScenarioStep;

public sealed record MobieTrainChangeStep(string? AcceptInvitation, IReadOnlyList<MobieTrainUserEdit> UpsertUsers) : ScenarioStep
{
    public IReadOnlyList<MobieTrainUserGroupResource> UpsertGroups { get; init; } = [];
}

/// <summary>An operator's approval of held deletions, a claim, and/or rows written straight into the Tenants table.</summary>
public sealed record TenantStep(bool AllowDeletions, IReadOnlyList<TenantSettings> Rows) : ScenarioStep
{
    /// <summary><c>{"tenant": {"claim": true}}</c>: the operator claims the account, as <c>tenants claim &lt;id&gt; --yes</c> does.</summary>
    public bool Claim { get; init; }
}

public sealed record ScenarioResult(string TenantId, IReadOnlyList<ScenarioRun> Runs, MobieTrainContents MobieTrain, long StaffCloudWrites);

/// <summary>One sync step; its plan is null when it failed before planning.</summary>
public sealed record ScenarioRun(DateTimeOffset At, bool DryRun, RunRecord Record, SyncPlan? Plan, ScenarioRequests Requests, long DurationMs);

/// <summary>Requests the simulators received during one sync, retries included.</summary>
public sealed record ScenarioRequests(long StaffCloud, long MobieTrainReads, long MobieTrainWrites, long Throttled);

public sealed record ScenarioRunOptions
{
    /// <summary>A storage connection string; null uses <c>AzureWebJobsStorage</c> when it answers, else a private Azurite.</summary>
    public string? StorageConnectionString { get; init; }
    public Action<IServiceCollection>? ConfigureServices { get; init; }
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    public IProgress<string>? Progress { get; init; } // each step as it starts
    public IProgress<RunProgress>? RunProgress { get; init; } // each sync step's runs as they go
}

/// <summary>A change in StaffCloud (or none), then its notification at <see cref="At"/> (null: the scenario's time as it stands).</summary>
public sealed record NotifyStep(StaffCloudChangeStep? Change, string Event, DateTimeOffset? At, string? Secret = null) : ScenarioStep;

/// <summary>Every run that comes due before <see cref="To"/> runs at its due time, in order.</summary>
public sealed record AdvanceStep(DateTimeOffset To) : ScenarioStep;

/// <summary>An invalid scenario file: <see cref="Field"/> is the JSON path of the offending value (e.g. <c>steps[2].sync.at</c>).</summary>
public sealed class ScenarioFormatException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
}
