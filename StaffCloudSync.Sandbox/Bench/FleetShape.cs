using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The <c>fleet</c> suite's settings; the MobieTrain limit is never scaled: a smaller day at the real pace.</summary>
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

/// <summary>The fleet's sizes, drawn per tenant; at least one is large, so the slowest bound is a large one's, as on the real day.</summary>
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

/// <summary>The next day: every fifth of each tenant's staff (a share, not a sample) confirmed on a new event, work by size.</summary>
public static class FleetNextDay
{
    private const int ConfirmedEvery = 5;

    // Far above the generated ids (events are a tenth of the staff, assignments a few per employee).
    private const long EventId = 900_001;
    private const long AssignmentIdBase = 900_000_000;

    public static void Apply(StaffCloudSimulator staffCloud, IEnumerable<FleetTenant> tenants)
    {
        var start = BenchTenant.SyncAt.UtcDateTime.AddDays(1).Date.AddHours(9);
        foreach (var tenant in tenants)
        {
            var simulated = staffCloud.Tenant(tenant.Settings.StaffCloudApiTenant);
            simulated.Upsert(StaffCloudResource.Events, [new JsonObject
            {
                ["id"] = EventId, ["name"] = "Day two", ["status"] = 2, ["project_id"] = null,
                ["start"] = start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ["end"] = start.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            }]);
            simulated.Upsert(StaffCloudResource.Assignments, Enumerable.Range(1, tenant.Staff).Where(id => id % ConfirmedEvery == 0)
                .Select(id => new JsonObject { ["id"] = AssignmentIdBase + id, ["employee_id"] = id, ["event_id"] = EventId, ["status"] = 7 }));
        }
    }
}
