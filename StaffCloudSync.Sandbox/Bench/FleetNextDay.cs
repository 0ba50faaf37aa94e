using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The fleet's next day in StaffCloud: every tenant confirms every fifth of its staff (a share, not a sample) on a new
/// event, so each has work in proportion to its size and the day can be ordered by the first day's run times.</summary>
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
