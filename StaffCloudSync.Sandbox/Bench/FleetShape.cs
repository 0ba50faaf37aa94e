namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The <c>fleet</c> suite's settings (issue 25): how many tenants, how many instances, how many runs each instance takes
/// at once, and the factor the tenants' sizes are divided by. The default is scaled down (÷10) so the suite ends in a
/// few minutes on a 2-core machine; <c>--scale 1</c> is the full-size fleet. The MobieTrain limit is never scaled: a
/// scaled fleet is a smaller day at the real pace, not a faster clock.</summary>
public sealed record FleetOptions
{
    /// <summary>host.json's <c>batchSize</c> + <c>newBatchThreshold</c> (4 + 2): how many runs one instance takes at once.</summary>
    public const int HostConcurrency = 6;

    /// <summary>Bicep's <c>instanceMemoryMB</c> (infra/main.bicep): what one Flex Consumption instance may use.</summary>
    public const int InstanceMemoryMb = 2048;

    /// <summary>MobieTrain's limit per account; the simulator enforces it, the client paces just under it.</summary>
    public const int MobieTrainLimitPerSecond = 25;

    public int Tenants { get; init; } = 200;

    public int Instances { get; init; } = 2;

    public int PerInstanceConcurrency { get; init; } = HostConcurrency;

    /// <summary>Every tenant's staff count is divided by this (at least 10 staff remain).</summary>
    public int Scale { get; init; } = 10;

    public int Seed { get; init; } = 25;

    public int Pool => Instances * PerInstanceConcurrency;
}

/// <summary>The fleet's size distribution, deterministic for its seed: 85 % small (100–1,000 staff, uniform), 12 % medium
/// (1,000–5,000) and 3 % large (10,000–20,000). The shares are drawn per tenant, so a fleet of 200 has about six large
/// tenants; at least one is always large, so the slowest tenant's bound is a large one's, as on the real day.</summary>
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
