using System.Text.Json.Nodes;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>
/// The proof reads over loopback HTTP: every employees list names all statuses, a single read answers the record or
/// StaffCloud's JSON 404, anything else (a proxy's HTML 404 too) fails naming the id and what came back, and an id that is not positive never reaches a URL.
/// </summary>
public sealed class StaffCloudSingleReadTests
{
    private StaffCloudHarness _bed = null!;

    [SetUp]
    public async Task StartAsync() => _bed = await StaffCloudHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _bed.DisposeAsync();

    [Test]
    public async Task EmployeesLists_NameEveryStatus_SoNoDefaultScopeHidesAnyone()
    {
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1, status: 0), StaffCloudHarness.Employee(2, status: 6)]);

        var employees = await _bed.EmployeesAsync(1, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees.Select(e => e.Status), Is.EqualTo(new int?[] { 0, 6 }));
            Assert.That(_bed.Simulator.RequestLog.Single().Query["status"], Is.EqualTo("0,1,2,3,4,5,6"));
        }
    }

    [Test]
    public async Task SingleRead_ReturnsTheRecord_AndNullFor404()
    {
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(5, status: 5)]);

        var found = await _bed.EmployeeAsync(5);
        var missing = await _bed.EmployeeAsync(6);

        var requests = _bed.Simulator.RequestLog;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(found, Is.EqualTo(new StaffCloudEmployee(5, 5, "First5", "Last5", "person5@example.com", "+41 79 123 45 67", null, "de")));
            Assert.That(missing, Is.Null);
            Assert.That(requests.Select(r => r.Path), Is.EqualTo(new[] { "/acme/api/v1/employees/5", "/acme/api/v1/employees/6" }));
            Assert.That(requests.Select(r => r.Status), Is.EqualTo(new[] { 200, 404 }));
        }
    }

    [TestCase(500, SyncFailureKind.Unavailable)]
    [TestCase(403, SyncFailureKind.Authentication)]
    [TestCase(400, SyncFailureKind.InvalidResponse)]
    public void AnyOtherAnswerToASingleRead_FailsNamingTheId(int status, SyncFailureKind kind)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees/7", Status = status, Times = 10 }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeeAsync(7));

        Assert.That(error!.Kind, Is.EqualTo(kind));
        Assert.That(error.Message, Does.Contain("/employees/7"));
    }

    [TestCase("""{"code":404,"message":"Not found"}""")]
    [TestCase("""{"error":"not_found"}""")]
    [TestCase("""{"error":{"code":404}}""")]
    public async Task A404ThatIsStaffCloudsJsonErrorAnswer_IsAnAnswer(string body)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees/7", Status = 404, Body = body }]);

        Assert.That(await _bed.EmployeeAsync(7), Is.Null);
    }

    [TestCase("<html>Not Found</html>", "a body that is not JSON, starting '<html>Not Found</html>'")]
    [TestCase("""{"code":404}""", "a JSON object without 'message' or 'error'")]
    [TestCase("""[]""", "JSON that is not an object")]
    [TestCase("", "an empty body")]
    public void Any404ThatIsNotStaffCloudsJsonErrorAnswer_FailsNamingTheIdAndWhatCameBack(string body, string expected)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees/7", Status = 404, Body = body }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeeAsync(7));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
            Assert.That(error.Message, Does.Contain("/employees/7 answered 404 with " + expected).And.Contain("proves nothing about employee 7"));
        }
    }

    [Test]
    public void A404PageThatIsLongOrEchoesTheToken_IsDescribedShortAndMasked()
    {
        var page = $"<html><body>{StaffCloudHarness.Token} {new string('x', 5000)}</body></html>";
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees/7", Status = 404, Body = page }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeeAsync(7));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.Contain("<html><body>***").And.Not.Contain(StaffCloudHarness.Token));
            Assert.That(error.Message, Has.Length.LessThan(400), "a short description, never the whole body");
        }
    }

    [TestCase("""[{"id":7,"status":4}]""", "not a JSON object")]
    [TestCase("""{"id":8,"status":4}""", "employee 8")]
    [TestCase("""not json""", "not JSON")]
    [TestCase("""{"id":"-7","status":4}""", "usable 'id'")]
    public void SingleAnswerOfTheWrongShapeOrAnotherId_IsAnInvalidResponse(string body, string expected)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees/7", Status = 200, Body = body }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeeAsync(7));

        Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [TestCase(0L)]
    [TestCase(-5L)]
    public void IdThatIsNotPositive_NeverReachesAUrl(long id)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => _bed.EmployeeAsync(id), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => _bed.EmployeesAsync(1, id), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => _bed.AssignmentsAsync(id), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(_bed.Simulator.Requests.Reads, Is.Zero);
        }
    }

    [Test]
    public async Task TextThatIsNotValidUnicodeOrHoldsControlCharacters_IsAnInvalidValue_NotACrash()
    {
        // A lone high surrogate (a cut emoji), a NUL inside a name, a line break inside an address.
        _bed.Simulator.AddFaults([new SimulatorFault
        {
            Path = "/employees", Status = 200,
            Body = """[{"id":1,"status":4,"firstname":"Ana\ud83d","lastname":"Lo\u0000pez","email":"a@exa\nmple.com","mobile":"  +41 79 123 45 67\t","communication_language":"de"}]""",
        }]);

        var employees = await _bed.EmployeesAsync(1);

        Assert.That(employees.Single(), Is.EqualTo(new StaffCloudEmployee(1, 4, null, null, null, "+41 79 123 45 67", null, "de")),
            "white space at the ends is trimmed; what is left must be clean text");
    }

    [Test]
    public async Task InvalidUTF8InATextField_IsAnInvalidValue_NotACrash()
    {
        // The simulator answers text; raw bytes are fed to the client's own reader and parser instead.
        byte[] body = [.. "[{\"id\":1,\"status\":4,\"firstname\":\"A"u8, 0xC3, 0x28, .. "na\",\"lastname\":\"Lopez\"}]"u8];
        using var stream = new MemoryStream(body);

        var records = await Core.Partners.StaffCloud.Http.StaffCloudListReader.ReadAsync(stream, CancellationToken.None).ToListAsync();
        var employee = Core.Partners.StaffCloud.Http.StaffCloudRecordParser.Employee(records.Single(), "record 1", (_, _) => { });

        Assert.That((employee.FirstName, employee.LastName), Is.EqualTo(((string?)null, "Lopez")));
    }

    [Test]
    public async Task StatusesAndNumbersOutOfRange_AreAbsentValues()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 200, Body = """[{"id":1,"status":99999999999999,"firstname":"A","lastname":"B"}]""" }]);

        var employee = (await _bed.EmployeesAsync(1)).Single();

        Assert.That(employee.Status, Is.Null);
    }
}
