namespace StaffCloudSync.Sandbox.Bench;

/// <summary>One target of the benchmark: what it asks, what was measured, and whether it is met.</summary>
public sealed record BenchResult(string Name, string Target, string Measured, bool Met, IReadOnlyDictionary<string, object> Figures);

/// <summary>What one synced run cost: wall time of the sync, requests per kind (retries included), what it did.</summary>
public sealed record RunCost(
    long WallMs, long StaffCloudReads, long MobieTrainReads, long MobieTrainWrites, long Throttled, int Invited, int MinimalWrites, string Writes);

/// <summary>A whole generated tenant synced through the sandbox: its runs, CPU time and memory.</summary>
public sealed record SyncCost(int Eligible, IReadOnlyList<RunCost> Runs, double CpuSeconds, long PeakWorkingSetMb, long PeakManagedHeapGrowthMb);
