using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>Answers that are not what StaffCloud returns, and refused tokens: typed run errors that name the tenant, never the token.</summary>
public sealed class StaffCloudClientErrorTests
{
    private StaffCloudHarness _bed = null!;

    [SetUp]
    public async Task StartAsync() => _bed = await StaffCloudHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _bed.DisposeAsync();

    [Test]
    public void RecordWithoutAnId_FailsTheRead_NamingTheResourceAndPosition()
    {
        // StaffCloud's own id filter would not return it; what is tested is the client meeting one anyway.
        _bed.Simulator.AddFaults([new SimulatorFault
        {
            Path = "/employees", Status = 200, Body = """[{"id":1,"status":4},{"firstname":"No","lastname":"Id","status":4}]""",
        }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1, 2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
            Assert.That(error.TenantId, Is.EqualTo("acme-tenant"));
            Assert.That(error.Message, Is.EqualTo(
                "tenant 'acme-tenant': StaffCloud /employees answered with a record without a usable 'id' (record 2)"));
        }
    }

    [TestCase("""[{"id":1,"employee_id":1,"status":7}]""", "'event_id' (record 1)")]
    [TestCase("""[{"id":1,"employee_id":"x","event_id":1,"status":7}]""", "'employee_id' (record 1)")]
    [TestCase("""[{"id":-3,"employee_id":1,"event_id":1,"status":7}]""", "'id' (record 1)")]
    [TestCase("""[{"id":1.5,"employee_id":1,"event_id":1,"status":7}]""", "'id' (record 1)")]
    [TestCase("""[{"id":0,"employee_id":1,"event_id":1,"status":7}]""", "'id' (record 1)")]
    [TestCase("""[{"id":1,"employee_id":-5,"event_id":1,"status":7}]""", "'employee_id' (record 1)")]
    public void AssignmentWithoutUsableIds_FailsTheRead(string body, string expected)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/assignments", Status = 200, Body = body }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.AssignmentsAsync(1));

        Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
        Assert.That(error.Message, Does.StartWith("tenant 'acme-tenant': StaffCloud /assignments answered with a record without a usable ").And.EndWith(expected));
    }

    [Test]
    public void Position_NamesTheRequest_WhenIdsWereBatched()
    {
        _bed.Simulator.AddFaults(
        [
            new SimulatorFault { Path = "/employees", Status = 200, Body = """[{"id":1}]""" },
            new SimulatorFault { Path = "/employees", Status = 200, Body = """[{"id":201},{"id":null}]""" },
        ]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync([.. Enumerable.Range(1, 250).Select(i => (long)i)]));

        Assert.That(error!.Message, Does.EndWith("(record 2 of request 2 of 2)"));
    }

    [TestCase("<html><body>Maintenance</body></html>", "a body that is not JSON")]
    [TestCase("", "an empty body")]
    [TestCase("   \n ", "an empty body")]
    [TestCase("""{"data":[{"id":1}]}""", "a JSON object without a 'response' list")]
    [TestCase("""{"response":{"id":1}}""", "a JSON object whose 'response' is a JSON object, not a list")]
    [TestCase("\"ok\"", "a JSON string, not a list")]
    [TestCase("42", "a JSON number, not a list")]
    [TestCase("null", "JSON null, not a list")]
    [TestCase("[1,2]", "a record that is not a JSON object (record 1)")]
    [TestCase("""[{"id":1},{"id":2""", "invalid JSON (line 1")]
    [TestCase("""[{"id":1}] trailing""", "invalid JSON (line 1")]
    public void BodyThatIsNotAListOfRecords_IsAnInvalidResponse_NamingTheTenant(string body, string expected)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 200, Body = body }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
            Assert.That(error.TenantId, Is.EqualTo("acme-tenant"));
            Assert.That(error.Message, Does.StartWith($"tenant 'acme-tenant': StaffCloud /employees answered with {expected}"));
        }
    }

    [Test]
    public async Task ByteOrderMarkAndLeadingWhitespace_AreFine()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 200, Body = "\uFEFF \r\n [ {\"id\": 1} ]" }]);

        var employees = await _bed.EmployeesAsync(1);

        Assert.That(employees.Select(e => e.Id), Is.EqualTo(new long[] { 1 }));
    }

    [TestCase(404, """{"code":404,"message":"Resource not found"}""", "answered 404: Resource not found")]
    [TestCase(422, """{"error":"Unprocessable","message":"Unknown field"}""", "answered 422: Unknown field")]
    [TestCase(400, """{"error":"Bad filter value"}""", "answered 400: Bad filter value")]
    [TestCase(418, "<html>teapot</html>", "answered 418")]
    public void OtherClientErrors_AreInvalidResponses_WithTheServersMessage(int status, string body, string expected)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = status, Body = body }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
            Assert.That(error.Message, Is.EqualTo($"tenant 'acme-tenant': StaffCloud /employees {expected}"));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(1), "not retried");
        }
    }

    [Test]
    public void LongErrorMessage_IsCutToAbout200Characters()
    {
        var message = new string('x', 5000);
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 404, Body = $$"""{"message":"{{message}}"}""" }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        Assert.That(error!.Message, Has.Length.LessThan(300));
    }

    [Test]
    public void WrongToken_IsAnAuthenticationError_NamingTheSecretButNotTheToken()
    {
        _bed.Acme.Token = "eyJ.a-different-token";

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
            Assert.That(error.Message, Does.StartWith(
                "tenant 'acme-tenant': StaffCloud rejected the token in secret 'staffcloud-token-acme' (401: Expired or invalid token): renew it in Key Vault"));
            Assert.That(error.ToString(), Does.Not.Contain(StaffCloudHarness.Token));
            Assert.That(_bed.AllLogText(), Does.Not.Contain(StaffCloudHarness.Token));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(1), "the secret did not change: no second try");
        }
    }

    [Test]
    public void Forbidden_IsAnAuthenticationError_NamingTheSecret()
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 403, Body = """{"code":403,"message":"Access denied"}""" }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
            Assert.That(error.Message, Does.Contain("secret 'staffcloud-token-acme' (403: Access denied)"));
            Assert.That(error.Message, Does.Not.Contain(StaffCloudHarness.Token));
            Assert.That(_bed.Simulator.Requests.Reads, Is.EqualTo(1));
        }
    }

    [Test]
    public void MalformedToken_IsAnAuthenticationError_NamingTheSecretButNotTheToken()
    {
        const string notAJwt = "pasted-the-wrong-thing-4c2a";
        _bed.SetSecret(notAJwt);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
            Assert.That(error.Message, Does.Contain("secret 'staffcloud-token-acme' as malformed (400 Invalid security token structure)"));
            Assert.That(error.ToString(), Does.Not.Contain(notAJwt));
            Assert.That(_bed.AllLogText(), Does.Not.Contain(notAJwt));
        }
    }

    [TestCase("""{"message":"Bad Request","error":"Invalid security token structure"}""")]
    [TestCase("""{"code":400,"error":"Invalid Security Token Structure"}""")]
    public void InvalidToken400_IsRecognised_WhicheverFieldCarriesIt(string body)
    {
        _bed.Simulator.AddFaults([new SimulatorFault { Path = "/employees", Status = 400, Body = body }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
    }

    [Test]
    public void ErrorBodyEchoingTheToken_DoesNotCarryItIntoTheMessage()
    {
        _bed.Simulator.AddFaults([new SimulatorFault
        {
            Path = "/employees", Status = 403, Body = $$"""{"message":"token {{StaffCloudHarness.Token}} lacks a role"}""",
        }]);

        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        Assert.That(error!.Message, Does.Contain("token *** lacks a role").And.Not.Contain(StaffCloudHarness.Token));
    }

    [Test]
    public void MissingSecret_PassesThroughUnchanged()
    {
        _bed.SetSecret(string.Empty);

        var error = Assert.ThrowsAsync<SecretNotFoundException>(() => _bed.EmployeesAsync(1));

        Assert.That(error!.SecretName, Is.EqualTo(StaffCloudHarness.SecretName));
        Assert.That(_bed.Simulator.Requests.Reads, Is.Zero);
    }

    [Test]
    public async Task RotatedToken_IsRereadAfterA401_AndTheRequestSentOnceMore()
    {
        await _bed.DisposeAsync();
        CachingSecretStore? store = null;
        _bed = await StaffCloudHarness.StartAsync(services: s => s.AddSingleton<ISecretStore>(sp =>
            store = new CachingSecretStore(sp.GetRequiredService<ConfigurationSecretStore>())));
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        await _bed.EmployeesAsync(1); // the old token is cached now

        const string rotated = "eyJ.rotated-token-91b0";
        _bed.Acme.Token = rotated;
        _bed.SetSecret(rotated);
        var employees = await _bed.EmployeesAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees.Select(e => e.Id), Is.EqualTo(new long[] { 1 }));
            Assert.That(store!.Invalidations, Is.EqualTo(1));
            Assert.That(_bed.Simulator.RequestLog.Select(r => r.Status), Is.EqualTo(new[] { 200, 401, 200 }));
            Assert.That(_bed.Logs.GetSnapshot().Select(r => r.Id.Id), Does.Contain(1310));
            Assert.That(_bed.AllLogText(), Does.Not.Contain(rotated).And.Not.Contain(StaffCloudHarness.Token));
        }
    }

    [Test]
    public async Task TokenRefusedAgainAfterRotation_IsAnAuthenticationError_AfterExactlyTwoRequests()
    {
        await _bed.DisposeAsync();
        _bed = await StaffCloudHarness.StartAsync(services: s => s.AddSingleton<ISecretStore>(sp =>
            new CachingSecretStore(sp.GetRequiredService<ConfigurationSecretStore>())));
        _bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        await _bed.EmployeesAsync(1);

        _bed.Acme.Token = "eyJ.the-server-has-this";
        _bed.SetSecret("eyJ.but-the-vault-has-this");
        var error = Assert.ThrowsAsync<SyncRunException>(() => _bed.EmployeesAsync(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Authentication));
            Assert.That(_bed.Simulator.RequestLog.Select(r => r.Status), Is.EqualTo(new[] { 200, 401, 401 }));
            Assert.That(error.Message, Does.Not.Contain("eyJ"));
        }
    }
}
