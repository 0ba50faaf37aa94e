namespace StaffCloudSync.Sandbox.Bench;

public sealed record BenchResult(string Name, string Target, string Measured, bool Met, IReadOnlyDictionary<string, object> Figures);

/// <summary>What one synced run cost; requests per kind include retries.</summary>
public sealed record RunCost(
    long WallMs, long StaffCloudReads, long MobieTrainReads, long MobieTrainWrites, long Throttled, int Invited, int MinimalWrites, string Writes);

public sealed record SyncCost(int Eligible, IReadOnlyList<RunCost> Runs, double CpuSeconds, long PeakWorkingSetMb, long PeakManagedHeapGrowthMb);
