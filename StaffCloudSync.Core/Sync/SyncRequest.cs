using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Core.Sync;

/// <summary>One tenant run to do: the queue message's content, or an operator's command.</summary>
public sealed record SyncRequest(string TenantId, string RunId, RunTrigger Trigger, bool DryRun)
{
    public static string NewRunId() => Guid.NewGuid().ToString("N");
}

/// <summary>
/// The result of a run: its record (already stored), the plan when one was made, and whether trying the same
/// request again later could help (an outage) rather than needing an operator (credentials, configuration).
/// </summary>
public sealed record SyncOutcome(RunRecord Record, Planning.SyncPlan? Plan, bool Retryable);
