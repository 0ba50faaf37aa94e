using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>
/// How long a tenant's work takes, kept in its health for the dispatcher's order (<see cref="DispatchOrder"/>). A chain
/// of continuations is one day's work, so its invocations add up; only a chain that finished its work sets the figure.
/// </summary>
public static class RunTimes
{
    public static TenantHealth AfterRun(TenantHealth health, RunRecord run, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(run);

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
