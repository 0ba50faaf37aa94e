using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>Measures the planner alone (wall time, bytes allocated) and whole syncs through the sandbox (CPU, memory, requests).</summary>
public static class BenchRunner
{
    public sealed record PlanningCost(int Employees, int Events, int Assignments, double WallMs, double AllocatedMb, int Actions);

    public static PlanningCost MeasurePlanning(BenchProfile profile, int repetitions = 5)
    {
        var tenant = BenchTenant.Generate(profile);
        var snapshot = tenant.Snapshot();
        var settings = TenantPlanSettings.From(BenchTenant.Tenant);

        // One small plan first, so the timing is of planning and not of JIT compilation.
        SyncPlanner.Plan(BenchTenant.Generate(profile with { Employees = 200, Events = 20 }).Snapshot(), settings, BenchTenant.SyncAt);

        var walls = new List<double>();
        var allocated = new List<long>();
        SyncPlan? plan = null;
        for (var i = 0; i < repetitions; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            plan = SyncPlanner.Plan(snapshot, settings, BenchTenant.SyncAt);
            stopwatch.Stop();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            walls.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        walls.Sort();
        return new PlanningCost(tenant.Employees.Count, tenant.Events.Count, tenant.Assignments.Count, walls[walls.Count / 2],
            allocated.Min() / (1024d * 1024d), plan!.Actions.Count);
    }

    // The simulators run in this process too.
    public static async Task<SyncCost> MeasureSyncAsync(BenchTenant tenant, Scenario scenario, ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        var baseline = GC.GetGCMemoryInfo().HeapSizeBytes;
        var cpuBefore = process.TotalProcessorTime;

        // The heap's high-water mark during the sync, not only where it ends.
        var (result, peak) = await PeakSampler.WhileAsync(() => GC.GetTotalMemory(false),
            () => ScenarioRunner.RunAsync(scenario, options, cancellationToken), initial: baseline);

        process.Refresh();
        var runs = result.Runs.Select(r => new RunCost(r.DurationMs, r.Requests.StaffCloud, r.Requests.MobieTrainReads, r.Requests.MobieTrainWrites,
            r.Requests.Throttled, r.Record.Counts.Invited, r.Record.Counts.MinimalWrites, Describe(r))).ToList();
        return new SyncCost(tenant.EligibleIds().Count, runs, (process.TotalProcessorTime - cpuBefore).TotalSeconds, process.PeakWorkingSet64 / (1024 * 1024),
            Math.Max(0, peak - baseline) / (1024 * 1024));
    }

    public sealed record StreamCost(long Records, double AnswerMb, double PeakHeapGrowthMb);

    /// <summary>The heap's high-water mark while the real StaffCloud client streams a generated answer (<see cref="GeneratedAnswer"/>).</summary>
    public static async Task<StreamCost> MeasureStreamingAsync(long records, int paddingBytesPerRecord, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Secrets:Provider"] = "Configuration",
            ["Secrets:Values:staffcloud-token-bench"] = "eyJbench",
            ["StaffCloud:AllowBaseAddressOverride"] = "true",
            ["StaffCloud:BaseAddressOverride"] = "http://127.0.0.1:9/{tenant}/api/v1/",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection().AddLogging();
        services.AddSecretStore(configuration).AddStaffCloudClient(configuration);
        // The answer is as large as the bench asks for; the limit would only stop the measurement.
        services.PostConfigure<Core.Partners.StaffCloud.Http.StaffCloudOptions>(o => o.MaxResponseBytes = long.MaxValue);
        var answer = new GeneratedAnswer(records, paddingBytesPerRecord);
        services.AddHttpClient<Core.Partners.StaffCloud.IStaffCloudClient, Core.Partners.StaffCloud.Http.StaffCloudClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new GeneratedAnswerHandler(answer));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<Core.Partners.StaffCloud.IStaffCloudClient>();

        PeakSampler.Settle();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        long count = 0;
        // One batch of event ids: the generated answer spans events 1–200, so every record streamed is kept.
        long[] eventIds = [.. Enumerable.Range(1, Core.Partners.StaffCloud.Http.StaffCloudOptions.MaxBatchSize).Select(i => (long)i)];
        await foreach (var _ in client.GetConfirmedAssignmentsAsync(new Core.Partners.StaffCloud.StaffCloudTarget("bench", "bench", "staffcloud-token-bench"),
            eventIds, cancellationToken))
        {
            if (++count % 1000 == 0)
                peak = Math.Max(peak, GC.GetTotalMemory(false));
        }

        return new StreamCost(count, answer.Bytes / (1024d * 1024d), Math.Max(0, peak - baseline) / (1024d * 1024d));
    }

    // The run's writes by kind, and the first few of them, to say what a run that should write nothing did.
    private static string Describe(ScenarioRun run)
    {
        var writes = run.Plan?.Actions.Where(a => a is not SkipAction and not HoldDeletionAction).ToList() ?? [];
        return string.Join(", ", writes.GroupBy(a => a.Kind).Select(g => $"{g.Key} {g.Count()}"))
            + (writes.Count is > 0 and <= 20 ? $" [{string.Join("; ", writes.Select(a => $"{a.Kind} {a.PersonId} {a.MobieTrainId}: {a.Why}"))}]" : string.Empty);
    }
}

/// <summary>The highest value of a memory figure while some work runs, sampled every 20 ms (the end would miss a mid-sync peak).</summary>
internal static class PeakSampler
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static async Task<(T Result, long Peak)> WhileAsync<T>(Func<long> sample, Func<Task<T>> work, long initial = 0)
    {
        var peak = initial;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), sample()));
                await Task.Delay(Interval, CancellationToken.None);
            }
        }, CancellationToken.None);

        try
        {
            var result = await work();
            return (result, Interlocked.Read(ref peak));
        }
        finally
        {
            await stop.CancelAsync();
            await sampler;
        }
    }
}

public sealed record BenchResult(string Name, string Target, string Measured, bool Met, IReadOnlyDictionary<string, object> Figures);

/// <summary>What one synced run cost; requests per kind include retries.</summary>
public sealed record RunCost(
    long WallMs, long StaffCloudReads, long MobieTrainReads, long MobieTrainWrites, long Throttled, int Invited, int MinimalWrites, string Writes);

public sealed record SyncCost(int Eligible, IReadOnlyList<RunCost> Runs, double CpuSeconds, long PeakWorkingSetMb, long PeakManagedHeapGrowthMb);
