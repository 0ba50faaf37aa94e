using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>The read plan over loopback HTTP: filters, fields, id batches, and what the client re-checks itself.</summary>
public sealed class StaffCloudClientReadTests
{
    private StaffCloudHarness _bed = null!;

    [SetUp]
    public async Task StartAsync() => _bed = await StaffCloudHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _bed.DisposeAsync();

    [Test]
    public async Task Assignments_AreTheConfirmedOnesOfTheEventsAskedFor_WhateverTheirOwnTimes()
    {
        _bed.Acme.Seed(StaffCloudResource.Events, [new JsonObject { ["id"] = 10, ["name"] = "Fair", ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00", ["status"] = 2 }]);
        _bed.Acme.Seed(StaffCloudResource.Assignments,
        [
            Assignment(100, status: 7, end: "2026-03-01 03:00:01"),
            Assignment(101, status: 7, end: "2020-03-01 03:00:00"), // a shift long over: the event decides, not the shift
            Assignment(102, status: 6, end: "2026-03-05 18:00:00"), // assigned, not confirmed
            new JsonObject { ["id"] = 103, ["employee_id"] = 4, ["event_id"] = 11, ["status"] = 7 }, // another event
        ]);

        var assignments = await _bed.AssignmentsAsync(10);

        var request = _bed.Simulator.RequestLog.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(assignments.Select(a => a.Id), Is.EqualTo(new long[] { 100, 101 }));
            Assert.That(request.Path, Is.EqualTo("/acme/api/v1/assignments"));
            Assert.That(request.Query["status"], Is.EqualTo("7"));
            Assert.That(request.Query["event_id"], Is.EqualTo("10"));
            Assert.That(request.Query.ContainsKey("end"), Is.False, "the assignment's own times are not filtered on");
            Assert.That(request.Query["fields"], Is.EqualTo("id,employee_id,event_id,status,event.project.name"), "the project's name comes joined, at no extra request");
            Assert.That(assignments[0], Is.EqualTo(new StaffCloudAssignment(100, 100, 10, 7, null, null)));
        }
    }

    [Test]
    public async Task FiltersStaffCloudIgnored_AreAppliedByTheClient()
    {
        // A StaffCloud that ignored status, end and id would answer with everything; the rules must not see it.
        _bed.Simulator.AddFaults(
        [
            new SimulatorFault
            {
                Path = "/assignments", Status = 200,
                Body = """[{"id":1,"employee_id":1,"event_id":10,"status":7,"end":"2026-04-01 00:00:00"},""" +
                       """{"id":2,"employee_id":2,"event_id":10,"status":6,"end":"2026-04-01 00:00:00"},""" +
                       """{"id":3,"employee_id":3,"event_id":11,"status":7,"end":"2026-04-01 00:00:00"}]""",
            },
            new SimulatorFault { Path = "/employees", Status = 200, Body = """[{"id":1,"status":4},{"id":99,"status":4}]""" },
        ]);

        var assignments = await _bed.AssignmentsAsync(10);
        var employees = await _bed.EmployeesAsync(1, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(assignments.Select(a => a.Id), Is.EqualTo(new long[] { 1 }));
            Assert.That(employees.Select(e => e.Id), Is.EqualTo(new long[] { 1 }), "only ids asked for reach the caller");
        }
    }

    [Test]
    public async Task Employees_AreReadByIdInBatchesOf200_WithTheFieldsTheSyncNeeds()
    {
        _bed.Acme.Seed(StaffCloudResource.Employees, Enumerable.Range(1, 450).Select(i => StaffCloudHarness.Employee(i)));

        var employees = await _bed.EmployeesAsync([.. Enumerable.Range(1, 450).Select(i => (long)i)]);

        var requests = _bed.Simulator.RequestLog;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Has.Count.EqualTo(450));
            Assert.That(employees.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, 450).Select(i => (long)i)));
            Assert.That(requests, Has.Count.EqualTo(3));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(3));
            Assert.That(requests.Select(r => r.Query["id"].Split(',').Length), Is.EqualTo(new[] { 200, 200, 50 }));
            Assert.That(requests.Select(r => r.Query["fields"]),
                Is.All.EqualTo("id,firstname,lastname,email,mobile,phone,communication_language,status"));
            Assert.That(requests[0].RawQuery, Does.StartWith("?id=1,2,3,"), "the id list is sent with plain commas");
            Assert.That(employees[0], Is.EqualTo(new StaffCloudEmployee(1, 4, "First1", "Last1", "person1@example.com", "+41 79 123 45 67", null, "de")));
        }
    }

    [Test]
    public async Task BatchSize_SplitsTheIds_AndDuplicateIdsAreAskedOnce()
    {
        await _bed.DisposeAsync();
        _bed = await StaffCloudHarness.StartAsync(services: s => s.PostConfigure<StaffCloudOptions>(o => o.BatchSize = 2));
        _bed.Acme.Seed(StaffCloudResource.Employees, Enumerable.Range(1, 5).Select(i => StaffCloudHarness.Employee(i)));

        var employees = await _bed.EmployeesAsync(1, 2, 2, 3, 4, 5, 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees.Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
            Assert.That(_bed.Simulator.RequestLog.Select(r => r.Query["id"]), Is.EqualTo(new[] { "1,2", "3,4", "5" }));
        }
    }

    [Test]
    public async Task ActiveEvents_AreThoseEndingAfterTheBound_AndThoseWithoutAnEndStartingAfterIt()
    {
        _bed.Acme.Seed(StaffCloudResource.Events,
        [
            new JsonObject { ["id"] = 10, ["project_id"] = 3, ["name"] = "Spring Fair", ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00", ["status"] = 2 },
            new JsonObject { ["id"] = 11, ["name"] = "Archived", ["start"] = "2026-03-06 08:00:00", ["end"] = "2026-03-06 18:00:00", ["status"] = 3 },
            new JsonObject { ["id"] = 12, ["name"] = "Open-ended", ["start"] = "2026-03-02 08:00:00", ["end"] = null, ["status"] = 2 },
            new JsonObject { ["id"] = 13, ["name"] = "Open, begun", ["start"] = "2026-02-01 08:00:00", ["status"] = 2 },
            new JsonObject { ["id"] = 14, ["name"] = "Festival", ["start"] = "2026-02-01 08:00:00", ["end"] = "2026-04-01 00:00:00", ["status"] = 2 },
            new JsonObject { ["id"] = 15, ["name"] = "Over", ["start"] = "2026-02-01 08:00:00", ["end"] = "2026-02-28 23:00:00", ["status"] = 2 },
        ]);

        var events = await _bed.EventsAsync(new DateTime(2026, 3, 1, 3, 0, 0));

        var requests = _bed.Simulator.RequestLog;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Select(e => e.Id), Is.EquivalentTo(new long[] { 10, 12, 14 }));
            Assert.That(events.Single(e => e.Id == 12), Is.EqualTo(new StaffCloudEvent(12, "Open-ended", 2, new DateTime(2026, 3, 2, 8, 0, 0), null)));
            Assert.That(requests, Has.Count.EqualTo(2));
            Assert.That(requests.Select(r => r.Query["status"]), Is.All.EqualTo("2"), "drafts and archived events are never asked for");
            Assert.That(requests[0].Query["end"], Is.EqualTo(">2026-03-01 03:00:00"));
            Assert.That(requests[1].Query["end"], Is.EqualTo("null"));
            Assert.That(requests[1].Query["start"], Is.EqualTo(">2026-03-01 03:00:00"));
            Assert.That(requests[0].RawQuery, Does.Contain("end=%3E2026-03-01%2003%3A00%3A00"), "'>', spaces and colons are encoded");
            Assert.That(requests.Select(r => r.Query["fields"]), Is.All.EqualTo("id,name,start,end,status,project_id"));
        }
    }

    [Test]
    public async Task EmptyIdList_MakesNoRequest()
    {
        // Not even the secret is read: with it missing, nothing fails.
        _bed.SetSecret(string.Empty);

        var employees = await _bed.EmployeesAsync();
        var events = await _bed.AssignmentsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Is.Empty);
            Assert.That(events, Is.Empty);
            Assert.That(_bed.Simulator.Requests.Reads, Is.Zero);
        }
    }

    [Test]
    public async Task EnvelopeAndBareArray_AreBothRead()
    {
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 200, Body = """{"response":[{"id":2,"status":5}],"meta":{}}""" }]);

        var enveloped = await _bed.EmployeesAsync(1, 2);
        var bare = await _bed.EmployeesAsync(1, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(enveloped.Select(e => (e.Id, e.Status)), Is.EqualTo(new[] { (2L, (int?)5) }));
            Assert.That(bare.Select(e => (e.Id, e.Status)), Is.EqualTo(new[] { (1L, (int?)4) }));
        }
    }

    [Test]
    public async Task UnknownFieldsNullsNumericStringsNumbersAsTextAndBadDates_AreReadLeniently()
    {
        // Served as a raw answer: the simulator's status filter, like StaffCloud's, would not match " 4 " or "active".
        _bed.Simulator.AddFaults([new SimulatorFault
        {
            Path = "/employees", Status = 200,
            Body = """
                   [{"id": "7", "status": " 4 ", "firstname": null, "lastname": 1234, "email": "a@example.com", "mobile": 41791234567,
                     "phone": {"x": 1}, "communication_language": "Deutsch", "favourite_colour": "green", "nested": [1, 2]},
                    {"id": 8.0, "status": "active"}]
                   """,
        }]);
        _bed.Acme.Seed(StaffCloudResource.Events,
        [
            new JsonObject { ["id"] = "20", ["name"] = 2026, ["start"] = "2026-03-05T08:00:00", ["end"] = "not a date", ["status"] = "2" },
            new JsonObject { ["id"] = 21, ["name"] = "Date only", ["start"] = "2026-03-06", ["end"] = null, ["status"] = 2 },
            new JsonObject { ["id"] = 22, ["start"] = "2026-03-05 08:00:00+01:00", ["end"] = "zzz", ["status"] = 2 },
        ]);

        var employees = await _bed.EmployeesAsync(7, 8);
        var events = await _bed.EventsAsync(new DateTime(2026, 1, 1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees, Is.EqualTo(new[]
            {
                new StaffCloudEmployee(7, 4, null, "1234", "a@example.com", "41791234567", null, "Deutsch"),
                new StaffCloudEmployee(8, null, null, null, null, null, null, null),
            }));
            Assert.That(events, Is.EqualTo(new[]
            {
                new StaffCloudEvent(20, "2026", 2, new DateTime(2026, 3, 5, 8, 0, 0), null),
                new StaffCloudEvent(21, "Date only", 2, new DateTime(2026, 3, 6), null),
            }), "event 22 has neither a readable end nor a start: it cannot be current");
            Assert.That(_bed.Logs.GetSnapshot().Where(r => r.Id.Id == 1304).Select(r => r.Message),
                Has.Some.Contains("record 20 has an unreadable end"));
        }
    }

    [Test]
    public async Task DuplicateIds_KeepTheFirstRecord_AndLogAWarningWithTheId()
    {
        _bed.Acme.Seed(StaffCloudResource.Employees,
        [
            StaffCloudHarness.Employee(1, status: 4),
            StaffCloudHarness.Employee(2),
            StaffCloudHarness.Employee(1, status: 5),
        ]);

        var employees = await _bed.EmployeesAsync(1, 2);

        var warning = _bed.Logs.GetSnapshot().Single(r => r.Id.Id == 1302);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees.Select(e => (e.Id, e.Status)), Is.EqualTo(new[] { (1L, (int?)4), (2L, (int?)4) }));
            Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(warning.Message, Does.Contain("id 1 more than once"));
        }
    }

    [Test]
    public async Task NoWrite_IsEverSent()
    {
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        _bed.Acme.Seed(StaffCloudResource.Events, [new JsonObject { ["id"] = 10, ["start"] = "2026-03-05 08:00:00", ["status"] = 2 }]);
        _bed.Acme.Seed(StaffCloudResource.Assignments, [Assignment(1, 7, "2026-03-05 18:00:00")]);

        await _bed.EventsAsync(new DateTime(2026, 3, 1));
        await _bed.AssignmentsAsync(10);
        await _bed.EmployeesAsync(1);
        await _bed.EmployeeAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_bed.Simulator.Requests.Writes, Is.Zero);
            Assert.That(_bed.Simulator.RequestLog.Select(r => r.Method), Is.All.EqualTo("GET"));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(5));
        }
    }

    [Test]
    public async Task Logs_CarryIdsAndCounts_ButNoNamesEmailsPhonesOrQueryStrings()
    {
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1), StaffCloudHarness.Employee(1)]);

        await _bed.EmployeesAsync(1);

        var text = _bed.AllLogText();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("acme-tenant").And.Contain("id 1 more than once"));
            Assert.That(text, Does.Not.Contain("First1").And.Not.Contain("Last1").And.Not.Contain("person1@example.com").And.Not.Contain("+41 79"));
            Assert.That(text, Does.Not.Contain("fields=").And.Not.Contain(StaffCloudHarness.Token));
            Assert.That(_bed.Logs.GetSnapshot().Select(r => r.Id.Id), Is.All.InRange(1300, 1349).Or.InRange(1100, 1199));
        }
    }

    [Test]
    public void ClientInterface_HasNoWrite()
    {
        var methods = typeof(IStaffCloudClient).GetMethods().Select(m => m.Name);

        Assert.That(methods, Is.All.StartsWith("Get"));
        Assert.That(typeof(StaffCloudClient).GetMethods().Where(m => m.IsPublic && m.DeclaringType == typeof(StaffCloudClient)).Select(m => m.Name),
            Is.All.StartsWith("Get"));
    }

    private static JsonObject Assignment(long id, int status, string end) => new()
    {
        ["id"] = id,
        ["employee_id"] = id,
        ["event_id"] = 10,
        ["status"] = status,
        ["start"] = "2026-02-28 08:00:00",
        ["end"] = end,
    };
}
