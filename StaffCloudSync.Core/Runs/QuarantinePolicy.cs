using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

public static class QuarantinePolicy
{
    // Retrying these twice a day only repeats the same alert (sync-rules.md).
    public static bool NeedsAnOperator(SyncFailureKind? kind) =>
        kind is SyncFailureKind.Authentication or SyncFailureKind.Configuration or SyncFailureKind.MissingSecret
            or SyncFailureKind.InvalidResponse or SyncFailureKind.UnknownTenant;

    public static TenantHealth AfterRun(TenantHealth health, RunRecord run, DateTimeOffset now, int threshold)
    {
        if (run.Status is RunStatus.Succeeded or RunStatus.CompletedWithErrors or RunStatus.DeletionsHeld)
            return health.Cleared();

        if (run.Status != RunStatus.Failed || !NeedsAnOperator(run.FailureKind))
            return health;

        var failures = health.ConsecutiveFailures + 1;
        return health.IsQuarantined || failures < threshold ? health with { ConsecutiveFailures = failures }
            : health with { ConsecutiveFailures = failures, QuarantinedAt = now, QuarantineReason = run.Reason };
    }

    public static bool ShouldDispatch(TenantHealth health, DateTimeOffset now, TimeSpan retryInterval) =>
        !health.IsQuarantined || now - (health.LastQuarantineAttemptAt ?? health.QuarantinedAt!.Value) >= retryInterval - TimeSpan.FromMinutes(30);
}

/// <summary>How long a tenant's work takes, for the dispatcher's order. A chain's invocations add up; only a chain that finished sets it.</summary>
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
