using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>The quarantine rules, as pure functions of a tenant's health, a run's outcome and the time.</summary>
public static class QuarantinePolicy
{
    /// <summary>
    /// Failures that need a person: retrying them twice a day only repeats the same alert. An answer that is not what
    /// the API returns counts too (sync-rules.md: a failure no retry can fix is never transient, so quarantine sees it),
    /// and so does an unknown tenant: like an invalid row, only an operator adding the row (or fixing the id) helps.
    /// </summary>
    public static bool NeedsAnOperator(SyncFailureKind? kind) =>
        kind is SyncFailureKind.Authentication or SyncFailureKind.Configuration or SyncFailureKind.MissingSecret
            or SyncFailureKind.InvalidResponse or SyncFailureKind.UnknownTenant;

    /// <summary>
    /// The health after a run: a completed run (whatever it applied) clears everything; a failure that needs an operator
    /// counts, and the one reaching the threshold quarantines; a transient failure or a skip leaves the health as it is.
    /// </summary>
    public static TenantHealth AfterRun(TenantHealth health, RunRecord run, DateTimeOffset now, int threshold)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(run);
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
        ArgumentNullException.ThrowIfNull(health);
        if (!health.IsQuarantined)
            return true;

        var since = health.LastQuarantineAttemptAt ?? health.QuarantinedAt!.Value;
        return now - since >= retryInterval - TimeSpan.FromMinutes(30);
    }
}
