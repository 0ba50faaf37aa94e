using StaffCloudSync.Core.Scheduling;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>One instance full of converged 20,000-person tenants, run alone then all at once (issue 25, item 2; method and
/// why the figures are upper bounds: docs/performance.md, "Memory per instance").</summary>
public static class FleetMemoryBench
{
    public const int Staff = 20_000;

    // Issue 25: "a 100,000-person tenant's run".
    public const int LargestSupported = 100_000;

    public static async Task<BenchResult> RunAsync(FleetOptions fleet, ScenarioRunOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var storage = options.StorageConnectionString ?? await AzuriteHost.EnsureStartedAsync();
        var baseline = Settled();
        var count = fleet.PerInstanceConcurrency;
        progress?.Report($"fleet-memory: {count} tenants of {Staff:N0} staff on one instance");
        var environment = await FleetEnvironment.StartAsync(storage, 1, Generate(count), options, cancellationToken);
        await using (environment)
        {
            var (alone, aloneLoad) = await GrowthAsync(environment, 1, cancellationToken);
            var (full, fullLoad) = await GrowthAsync(environment, count, cancellationToken);
            var instanceMb = baseline + full;
            var perRunLargest = alone * LargestSupported / Staff;
            var fullLargest = baseline + (full * LargestSupported / Staff);
            return new BenchResult(
                "fleet-memory",
                $"one instance running {count} tenant runs at once (host.json's batchSize + newBatchThreshold) stays under its {FleetOptions.InstanceMemoryMb:N0} MB (instanceMemoryMB, infra/main.bicep): " +
                $"measured with {count} × {Staff:N0} staff, extrapolated to {count} × {LargestSupported:N0}",
                $"worker baseline {baseline} MB; one {Staff:N0}-person run +{alone} MB ({aloneLoad}); {count} at once +{full} MB → instance {instanceMb} MB ({fullLoad}); " +
                $"extrapolated ×{LargestSupported / Staff}: one {LargestSupported:N0}-person run +{perRunLargest} MB, {count} at once {fullLargest} MB",
                instanceMb < FleetOptions.InstanceMemoryMb && fullLargest < FleetOptions.InstanceMemoryMb,
                BenchSuites.Figures(("baselineMb", baseline), ("oneRunGrowthMb", alone), ("fullInstanceGrowthMb", full), ("fullInstanceMb", instanceMb),
                    ("oneLargestRunMb", perRunLargest), ("fullInstanceLargestMb", fullLargest), ("concurrency", count), ("staff", Staff),
                    ("loadAlone", aloneLoad), ("loadFull", fullLoad)));
        }
    }

    private static IEnumerable<(TenantSettings, BenchTenant)> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var data = BenchTenant.Generate(new BenchProfile { Employees = Staff, Events = Staff / 10, ExistingUserShare = 1, Seed = 2_500 + i });
            yield return (new TenantSettings { TenantId = $"large-{i:00}", StaffCloudApiTenant = $"large{i:00}", MobieTrainAccountId = $"large-{i:00}", TimeZone = "UTC" }, data);
        }
    }

    // The working set's peak over the settled process while the instance works off one dispatch at this concurrency.
    private static async Task<(long GrowthMb, string Load)> GrowthAsync(FleetEnvironment environment, int concurrency, CancellationToken cancellationToken)
    {
        var settled = Settled();
        var since = Stopwatch.StartNew();
        var dispatch = environment.Instances[0].GetRequiredService<TenantDispatcher>().DispatchAsync(false, cancellationToken);
        var pool = new FleetPool(environment.Instances, concurrency);
        var (runs, peak) = await PeakSampler.WhileAsync(() => Environment.WorkingSet, () => pool.DrainAsync(dispatch, since, cancellationToken));
        await dispatch;
        if (runs.FirstOrDefault(r => r.Error is not null) is { } failed)
            throw new InvalidOperationException($"fleet-memory: run of {failed.TenantId} ended {failed.Status}: {failed.Error}");

        return (Math.Max(0, (peak / (1024 * 1024)) - settled), FleetBench.Load());
    }

    private static long Settled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Environment.WorkingSet / (1024 * 1024);
    }
}
