namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The <c>fleet</c> suite's settings (issue 25). Sizes are divided by <see cref="Scale"/> (÷10: minutes on 2 cores);
/// the MobieTrain limit never is: a scaled fleet is a smaller day at the real pace, not a faster clock.</summary>
public sealed record FleetOptions
{
    public const int HostConcurrency = 6; // host.json's batchSize + newBatchThreshold (4 + 2)
    public const int InstanceMemoryMb = 2048; // instanceMemoryMB in infra/main.bicep
    public const int MobieTrainLimitPerSecond = 25;

    public int Tenants { get; init; } = 200;
    public int Instances { get; init; } = 2;
    public int PerInstanceConcurrency { get; init; } = HostConcurrency;

    public int Scale { get; init; } = 10; // at least 10 staff remain
    public int Seed { get; init; } = 25;
    public int Pool => Instances * PerInstanceConcurrency;
}

/// <summary>The fleet's sizes (<see cref="Distribution"/>), drawn per tenant for its seed; at least one is always large, so the
/// slowest tenant's bound is a large one's, as on the real day.</summary>
public static class FleetSizes
{
    public const string Distribution = "85 % small (100–1,000 staff), 12 % medium (1,000–5,000), 3 % large (10,000–20,000), uniform within each band";

    public static IReadOnlyList<int> Draw(int tenants, int seed, int scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tenants, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var random = new Random(seed);
        var sizes = new List<int>(tenants);
        for (var i = 0; i < tenants; i++)
        {
            var band = random.NextDouble();
            sizes.Add(band < 0.85 ? random.Next(100, 1_001) : band < 0.97 ? random.Next(1_000, 5_001) : random.Next(10_000, 20_001));
        }

        if (!sizes.Any(s => s >= 10_000))
            sizes[^1] = random.Next(10_000, 20_001);

        return [.. sizes.Select(s => Math.Max(10, s / scale))];
    }
}
