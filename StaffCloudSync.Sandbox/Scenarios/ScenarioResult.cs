using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>What a scenario did: each sync's run record and plan, what the simulators received, the final MobieTrain state.</summary>
public sealed record ScenarioResult(string TenantId, IReadOnlyList<ScenarioRun> Runs, MobieTrainContents MobieTrain, long StaffCloudWrites);

/// <summary>One sync step: its record, its plan (null when it failed before planning), the requests, the sync's wall time.</summary>
public sealed record ScenarioRun(DateTimeOffset At, bool DryRun, RunRecord Record, SyncPlan? Plan, ScenarioRequests Requests, long DurationMs);

/// <summary>Requests the simulators received during one sync, retries included.</summary>
public sealed record ScenarioRequests(long StaffCloud, long MobieTrainReads, long MobieTrainWrites, long Throttled);
