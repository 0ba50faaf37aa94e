using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

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
    /// <summary>App settings for this scenario's host, as configuration keys (<see cref="ScenarioSettings"/>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>False (<c>"mobietrain": {"claimed": false}</c>) for a new or unclaimed account: the sandbox puts no marker.</summary>
    public bool MobieTrainClaimed { get; init; } = true;
}

/// <summary>StaffCloud records in StaffCloud's own shape, as the simulator serves them.</summary>
public sealed record StaffCloudRecords(IReadOnlyList<JsonObject> Employees, IReadOnlyList<JsonObject> Events, IReadOnlyList<JsonObject> Assignments)
{
    public static StaffCloudRecords Empty { get; } = new([], [], []);

    /// <summary>StaffCloud's projects (<c>{"id": 7, "name": "Store Zurich"}</c>), which events name in <c>project_id</c>.</summary>
    public IReadOnlyList<JsonObject> Projects { get; init; } = [];
}

/// <summary>A simulator's behaviour: latency, a rate limit (MobieTrain), scripted faults.</summary>
public sealed record SimulatorSettings(int LatencyMs, int RateLimitPerSecond, IReadOnlyList<SimulatorFault> Faults)
{
    public static SimulatorSettings Default { get; } = new(0, 0, []);
}

/// <summary>One step of a scenario.</summary>
public abstract record ScenarioStep;

/// <summary>A sync at <see cref="At"/> (the scenario clock), optionally a dry run, optionally with a MobieTrain outage after N writes.</summary>
public sealed record SyncStep(DateTimeOffset At, bool DryRun, int? MobieTrainOutageAfterWrites) : ScenarioStep;

/// <summary>Changes in StaffCloud between syncs.</summary>
public sealed record StaffCloudChangeStep(StaffCloudRecords Upsert, IReadOnlyList<long> DeleteEmployees, IReadOnlyList<long> DeleteEvents, IReadOnlyList<long> DeleteAssignments) : ScenarioStep;

/// <summary>Things that happen in MobieTrain: an invitee accepts; an admin edits users.</summary>
public sealed record MobieTrainChangeStep(string? AcceptInvitation, IReadOnlyList<MobieTrainUserEdit> UpsertUsers) : ScenarioStep
{
    /// <summary>Groups added as plain records, e.g. another tenant's marker.</summary>
    public IReadOnlyList<MobieTrainUserGroupResource> UpsertGroups { get; init; } = [];
}

/// <summary>An operator's action on the tenant: approve what its latest <c>DeletionsHeld</c> run held; and/or further rows written
/// straight into the Tenants table, without the CLI's checks (as <c>az storage entity insert</c> would).</summary>
public sealed record TenantStep(bool AllowDeletions, IReadOnlyList<TenantSettings> Rows) : ScenarioStep
{
    /// <summary><c>{"tenant": {"claim": true}}</c>: the operator claims the account, as <c>tenants claim &lt;id&gt; --yes</c> does.</summary>
    public bool Claim { get; init; }
}
