using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>The quarantine rules, as pure functions of a tenant's health, a run's outcome and the time.</summary>
public static class QuarantinePolicy
{
    /// <summary>Failures that need a person: retrying them twice a day only repeats the same alert. An answer that is not what the
    /// API returns counts too (sync-rules.md: no retry fixes it), and so does an unknown tenant (only an operator helps).</summary>
    public static bool NeedsAnOperator(SyncFailureKind? kind) =>
        kind is SyncFailureKind.Authentication or SyncFailureKind.Configuration or SyncFailureKind.MissingSecret
            or SyncFailureKind.InvalidResponse or SyncFailureKind.UnknownTenant;

    /// <summary>The health after a run: a completed run (whatever it applied) clears everything; a failure that needs an operator
    /// counts, and the one reaching the threshold quarantines; a transient failure or a skip leaves the health as it is.</summary>
    public static TenantHealth AfterRun(TenantHealth health, RunRecord run, DateTimeOffset now, int threshold)
    {
        if (run.Status is RunStatus.Succeeded or RunStatus.CompletedWithErrors or RunStatus.DeletionsHeld)
            return health.Cleared();

        if (run.Status != RunStatus.Failed || !NeedsAnOperator(run.FailureKind))
            return health;

        var failures = health.ConsecutiveFailures + 1;
        return health.IsQuarantined || failures < threshold
            ? health with { ConsecutiveFailures = failures }
            : health with { ConsecutiveFailures = failures, QuarantinedAt = now, QuarantineReason = run.Reason };
    }

    /// <summary>Whether the schedule runs the tenant now: always when healthy, once per interval when quarantined.</summary>
    public static bool ShouldDispatch(TenantHealth health, DateTimeOffset now, TimeSpan retryInterval)
    {
        if (!health.IsQuarantined)
            return true;

        var since = health.LastQuarantineAttemptAt ?? health.QuarantinedAt!.Value;
        return now - since >= retryInterval - TimeSpan.FromMinutes(30);
    }
}

/// <summary>How long a tenant's work takes, kept in its health for the dispatcher's order (<see cref="DispatchOrder"/>). A chain
/// of continuations is one day's work, so its invocations add up; only a chain that finished its work sets the figure.</summary>
public static class RunTimes
{
    public static TenantHealth AfterRun(TenantHealth health, RunRecord run, TimeSpan elapsed)
    {
        // A dry run writes nothing, so its time understates tomorrow's run.
        if (run.DryRun || run.Status is RunStatus.Running or RunStatus.Skipped)
            return health;

        // The first invocation starts the chain afresh: a total left by a chain that failed half-way is not this one's.
        var chain = (run.Invocation > 1 ? health.ChainRunSeconds ?? 0 : 0) + Math.Max(0, elapsed.TotalSeconds);
        return run.Status switch
        {
            RunStatus.Continued => health with { ChainRunSeconds = chain },
            RunStatus.Succeeded or RunStatus.CompletedWithErrors or RunStatus.DeletionsHeld => health with { LastRunSeconds = chain, ChainRunSeconds = null },

            // A failed run stopped early (or never began): the last finished one still says best how long the next takes.
            _ => health with { ChainRunSeconds = null },
        };
    }
}
