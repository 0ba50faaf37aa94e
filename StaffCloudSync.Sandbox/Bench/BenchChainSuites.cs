using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>Past one invocation (sync-rules.md, "Time budget"): a chain under a rate limit, and a 100,000-employee tenant's memory.</summary>
internal static class BenchChainSuites
{
    public static async Task<BenchResult> ContinuationAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        const int Limit = 100;
        var tenant = BenchTenant.Generate(BenchSuites.AllEligible(3_000, 30) with { MobieTrainRateLimitPerSecond = Limit });
        var scenario = tenant.Scenario(2) with { Settings = new Dictionary<string, string?> { ["Sync:RunTimeBudget"] = "00:00:10" } };
        var result = await ScenarioRunner.RunAsync(scenario, options, cancellationToken);

        var chain = result.Runs.Take(result.Runs.Count - 1).ToList();
        var after = result.Runs[^1];
        var writes = chain.Sum(r => r.Requests.MobieTrainWrites);
        var requests = chain.Sum(r => r.Requests.MobieTrainReads + r.Requests.MobieTrainWrites);

        // Counted from the generated tenant, not the runs: an invitation per eligible employee, a group per event they are on.
        var eligible = tenant.EligibleIds();
        var groups = tenant.Assignments.Where(a => eligible.Contains(a.EmployeeId) && a.Status == 7).Select(a => a.EventId).Distinct().Count();
        var minimal = eligible.Count + groups;
        var duplicates = result.MobieTrain.Invitations.GroupBy(i => i.ExternalId).Count(g => g.Count() > 1);
        var wallMs = chain.Sum(r => r.DurationMs);
        var boundMs = requests * 1000d / Limit;
        var statuses = string.Join(" → ", chain.Select(r => r.Record.Status.ToString()));
        var met = chain.Count >= 3 && chain[^1].Record.Status == RunStatus.Succeeded && chain.SkipLast(1).All(r => r.Record.Status == RunStatus.Continued)
            && writes == minimal && duplicates == 0 && wallMs <= 1.15 * boundMs && after.Requests.MobieTrainWrites == 0;
        return new BenchResult(
            "continuation",
            "a tenant needing ≥ 3 invocations under 100 requests/s with a 10 s budget: writes = the minimum, wall ≤ 1.15 × the rate bound, 0 duplicates, the next run writes nothing",
            $"{chain.Count} invocations ({statuses}); {writes:N0} writes for {minimal:N0} minimal; wall {wallMs / 1000d:0.0} s against a rate bound of {boundMs / 1000d:0.0} s " +
            $"({wallMs / boundMs:0.00}×) for {requests:N0} MobieTrain requests; {duplicates} duplicates; next run {after.Requests.MobieTrainWrites} writes",
            met,
            BenchSuites.Figures(("invocations", chain.Count), ("writes", writes), ("minimal", minimal), ("wallMs", wallMs), ("boundMs", boundMs), ("duplicates", duplicates),
                ("nextRunWrites", after.Requests.MobieTrainWrites)));
    }

    // The working set while only the simulators and storage are set up is their share; the rest of the peak is the sync's.
    public static async Task<BenchResult> MemoryAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var tenant = BenchTenant.Generate(BenchSuites.AllEligible(100_000, 500) with { ScheduledEmployees = 50_000 });
        var seededOnly = tenant.Scenario(0);
        var (_, simulatorsMb) = await PeakWorkingSetAsync(() => ScenarioRunner.RunAsync(seededOnly, options, cancellationToken));
        var (result, totalMb) = await PeakWorkingSetAsync(() => ScenarioRunner.RunAsync(tenant.Scenario(1), options, cancellationToken));
        var run = result.Runs[0];
        var syncMb = Math.Max(0, totalMb - simulatorsMb);
        return new BenchResult(
            "memory",
            "100,000 employees (50,000 eligible) read, planned and applied: the sync's own peak working set under 1 GB (the simulators' share reported apart)",
            $"{run.Record.Counts.Invited:N0} invitations in {run.DurationMs / 1000d:0.0} s; peak working set {totalMb:N0} MB, of which simulators, storage client and host {simulatorsMb:N0} MB, the sync {syncMb:N0} MB",
            syncMb < 1024 && run.Record.Status == RunStatus.Succeeded && run.Record.Counts.Invited == tenant.EligibleIds().Count,
            BenchSuites.Figures(("peakWorkingSetMb", totalMb), ("simulatorsMb", simulatorsMb), ("syncMb", syncMb), ("invited", run.Record.Counts.Invited), ("wallMs", run.DurationMs)));
    }

    private static async Task<(T Result, long PeakMb)> PeakWorkingSetAsync<T>(Func<Task<T>> work)
    {
        PeakSampler.Settle();
        using var process = Process.GetCurrentProcess();
        var (result, peak) = await PeakSampler.WhileAsync(() =>
        {
            process.Refresh();
            return process.WorkingSet64;
        }, work);
        return (result, peak / (1024 * 1024));
    }
}
