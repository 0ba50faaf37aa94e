using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The fleet's next day in StaffCloud: every tenant plans a new event tomorrow and confirms a fifth of its staff on it,
/// so each tenant has work in proportion to its size — the active among them join the event's group, those not yet
/// eligible are invited. That is what lets the measured day be ordered by the run times the first day left.</summary>
public static class FleetNextDay
{
    /// <summary>Every fifth employee: a share, not a sample, so the day is the same for the same fleet.</summary>
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
