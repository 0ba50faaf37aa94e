using System.Text.Json.Nodes;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>
/// Projects without an extra request (staffcloud-api.md, "Assignments"): the events' <c>project_id</c>, and the project's
/// name joined into the assignments read as <c>event.project.name</c>, which may be missing or null.
/// </summary>
public sealed class StaffCloudProjectReadTests
{
    private StaffCloudHarness _bed = null!;

    [SetUp]
    public async Task StartAsync() => _bed = await StaffCloudHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _bed.DisposeAsync();

    [Test]
    public async Task AssignmentsRead_AsksForTheJoinedProjectName_AndParsesIt()
    {
        _bed.Acme.Seed(StaffCloudResource.Projects, [new JsonObject { ["id"] = 7, ["name"] = "Store Zurich" }]);
        _bed.Acme.Seed(StaffCloudResource.Events,
        [
            Event(10, projectId: 7),
            Event(11, projectId: 8), // a project the simulator does not list: no joined key
            Event(12, projectId: null), // no project at all
        ]);
        _bed.Acme.Seed(StaffCloudResource.Assignments, [Assignment(100, 10), Assignment(101, 11), Assignment(102, 12)]);

        var assignments = await _bed.AssignmentsAsync(10, 11, 12);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_bed.Simulator.RequestLog, Has.Count.EqualTo(1), "the name costs no extra request");
            Assert.That(_bed.Simulator.RequestLog.Single().Query["fields"].ToString(), Does.Contain("event.project.name"));
            Assert.That(assignments.Select(a => (a.Id, a.ProjectName)),
                Is.EqualTo(new (long, string?)[] { (100, "Store Zurich"), (101, null), (102, null) }));
        }
    }

    [Test]
    public async Task AssignmentsRead_ToleratesANullOrOddProjectName()
    {
        // A tenant's settings can hide the joined field: null, or a value of another type, is no name, never a failure.
        _bed.Simulator.AddFaults(
        [
            new SimulatorFault
            {
                Path = "/assignments", Status = 200,
                Body = """[{"id":1,"employee_id":1,"event_id":10,"status":7,"event.project.name":null},""" +
                       """{"id":2,"employee_id":2,"event_id":10,"status":7,"event.project.name":{"x":1}},""" +
                       """{"id":3,"employee_id":3,"event_id":10,"status":7,"event.project.name":"  Store Bern "}]""",
            },
        ]);

        var assignments = await _bed.AssignmentsAsync(10);

        Assert.That(assignments.Select(a => a.ProjectName), Is.EqualTo(new string?[] { null, null, "Store Bern" }),
            "a name is text like any other: trimmed");
    }

    [Test]
    public async Task EventsRead_AsksForAndParsesTheProjectId()
    {
        _bed.Acme.Seed(StaffCloudResource.Events, [Event(10, projectId: 7), Event(11, projectId: null), Event(12, projectId: "x")]);

        var events = await _bed.EventsAsync(new DateTime(2026, 3, 1, 3, 0, 0));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_bed.Simulator.RequestLog.Select(r => r.Query["fields"].ToString()), Is.All.Contain("project_id"));
            Assert.That(events.OrderBy(e => e.Id).Select(e => e.ProjectId), Is.EqualTo(new long?[] { 7, null, null }),
                "an event without a usable project_id has no project, and is read all the same");
        }
    }

    private static JsonObject Event(long id, JsonNode? projectId) => new()
    {
        ["id"] = id,
        ["name"] = "Fair",
        ["project_id"] = projectId,
        ["start"] = "2026-03-05 08:00:00",
        ["end"] = "2026-03-05 18:00:00",
        ["status"] = 2,
    };

    private static JsonObject Assignment(long id, long eventId) => new()
    {
        ["id"] = id,
        ["employee_id"] = id,
        ["event_id"] = eventId,
        ["status"] = 7,
    };
}
