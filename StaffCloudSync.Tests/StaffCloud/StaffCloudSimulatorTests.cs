using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>The simulator's own behaviour, with a plain HttpClient: StaffCloud's query syntax, auth, quota, read-only.</summary>
public sealed class StaffCloudSimulatorTests
{
    private const string Token = "eyJ.simulator-test";
    private StaffCloudSimulator _simulator = null!;
    private StaffCloudSimulatorTenant _acme = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _simulator = new StaffCloudSimulator(TimeProvider.System);
        await _simulator.StartAsync();
        _acme = _simulator.AddTenant("acme", Token);
        _acme.Seed(StaffCloudResource.Employees,
        [
            new JsonObject { ["id"] = 1, ["firstname"] = "Ana", ["status"] = 4, ["mobile"] = "+41 79", ["updated_at"] = "2026-03-01 10:00:00" },
            new JsonObject { ["id"] = 2, ["firstname"] = "Bo", ["status"] = 5, ["mobile"] = null, ["updated_at"] = "2026-03-02 10:00:00" },
            new JsonObject { ["id"] = 3, ["firstname"] = "Cy", ["status"] = 6, ["updated_at"] = "2026-03-03 10:00:00" },
            new JsonObject { ["id"] = 10, ["firstname"] = "Di", ["status"] = "4", ["mobile"] = "+41 78", ["updated_at"] = "2026-03-04 10:00:00" },
        ]);
        _acme.Seed(StaffCloudResource.Events, [new JsonObject { ["id"] = 50, ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00" }]);
        _acme.Seed(StaffCloudResource.Assignments,
        [
            new JsonObject { ["id"] = 100, ["employee_id"] = 1, ["event_id"] = 50, ["status"] = 7 },
            new JsonObject { ["id"] = 101, ["employee_id"] = 2, ["event_id"] = 50, ["status"] = 7, ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 12:00:00" },
        ]);
        _http = new HttpClient { BaseAddress = _simulator.ApiBaseFor("acme") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [TestCase("employees", new long[] { 1, 2, 3, 10 })]
    [TestCase("employees?status=4", new long[] { 1, 10 })]
    [TestCase("employees?status=5,6", new long[] { 2, 3 })]
    [TestCase("employees?status=-6", new long[] { 1, 2, 10 })]
    [TestCase("employees?status=-5,6", new long[] { 1, 10 })]
    [TestCase("employees?id=%3E2", new long[] { 3, 10 })]
    [TestCase("employees?id=>2", new long[] { 3, 10 })]
    [TestCase("employees?id=%3C10", new long[] { 1, 2, 3 })]
    [TestCase("employees?updated_at=%3E2026-03-02%2010%3A00%3A00", new long[] { 3, 10 })]
    [TestCase("employees?updated_at=%3C2026-03-02%2010:00:00", new long[] { 1 })]
    [TestCase("employees?updated_at=%3E2026-03-03", new long[] { 3, 10 })]
    [TestCase("employees?mobile=null", new long[] { 2, 3 })]
    [TestCase("employees?mobile=-null", new long[] { 1, 10 })]
    [TestCase("employees?id=1,3,99", new long[] { 1, 3 })]
    [TestCase("employees?firstname=ana", new long[] { 1 })]
    [TestCase("employees?favourite_colour=green&status=4", new long[] { 1, 10 })]
    [TestCase("employees?event.start=%3E2030-01-01", new long[] { 1, 2, 3, 10 })]
    [TestCase("employees?sort=-id", new long[] { 10, 3, 2, 1 })]
    [TestCase("employees?sort=firstname&status=-4", new long[] { 2, 3 })]
    [TestCase("employees?sort=-updated_at", new long[] { 10, 3, 2, 1 })]
    [TestCase("employees?limit=1&offset=2", new long[] { 1, 2, 3, 10 })]
    [TestCase("assignments?end=%3E2026-03-05%2012:00:00", new long[] { 100 })]
    [TestCase("assignments?status=7&end=%3C2026-03-05%2018:00:00", new long[] { 101 })]
    public async Task QuerySyntax_FiltersAndSortsLikeStaffCloud(string query, long[] expected)
    {
        var list = await GetArrayAsync(query);

        Assert.That(list.Select(r => long.Parse(r!["id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(expected));
    }

    [Test]
    public async Task Fields_SelectsTheFields_AndAnAssignmentTakesItsEventsTimes()
    {
        var employees = await GetArrayAsync("employees?fields=id,firstname&id=1");
        var assignments = await GetArrayAsync("assignments?fields=id,start,end&id=100");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(employees.ToJsonString(), Is.EqualTo("""[{"id":1,"firstname":"Ana"}]"""));
            Assert.That(assignments.ToJsonString(), Is.EqualTo("""[{"id":100,"start":"2026-03-05 08:00:00","end":"2026-03-05 18:00:00"}]"""));
            Assert.That(_acme.Records(StaffCloudResource.Assignments)[0].ContainsKey("start"), Is.False, "the stored record stays as seeded");
        }
    }

    [Test]
    public async Task List_IsABareArray_AndAnEnvelopeWhenAsked()
    {
        var bare = JsonNode.Parse(await _http.GetStringAsync(new Uri("employees?id=1&fields=id", UriKind.Relative)));
        var enveloped = JsonNode.Parse(await _http.GetStringAsync(new Uri("employees?id=1&fields=id&envelope=true", UriKind.Relative)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bare!.ToJsonString(), Is.EqualTo("""[{"id":1}]"""));
            Assert.That(enveloped!.ToJsonString(), Is.EqualTo("""{"response":[{"id":1}]}"""));
        }
    }

    [Test]
    public async Task SingleRead_ServesOneRecordById_And404ForAnUnknownOne()
    {
        var one = JsonNode.Parse(await _http.GetStringAsync(new Uri("employees/2?fields=id,status", UriKind.Relative)));
        using var missing = await _http.GetAsync(new Uri("employees/99", UriKind.Relative));
        using var unknownResource = await _http.GetAsync(new Uri("clients", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(one!.ToJsonString(), Is.EqualTo("""{"id":2,"status":5}"""));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownResource.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Records_AreServedExactlyAsSeeded_AndUpsertReplacesById()
    {
        _acme.Upsert(StaffCloudResource.Employees,
        [
            new JsonObject { ["id"] = "2", ["firstname"] = 42, ["odd"] = new JsonArray(true) },
            new JsonObject { ["id"] = 11, ["firstname"] = "New" },
        ]);
        var deleted = _acme.Delete(StaffCloudResource.Employees, [3, 77]);

        var list = await GetArrayAsync("employees");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deleted, Is.EqualTo(1));
            Assert.That(list.Select(r => r!["id"]!.ToJsonString()), Is.EqualTo(new[] { "1", "\"2\"", "10", "11" }));
            Assert.That(list[1]!.ToJsonString(), Is.EqualTo("""{"id":"2","firstname":42,"odd":[true]}"""));
            Assert.That(_acme.Records(StaffCloudResource.Employees), Has.Count.EqualTo(4));
        }
    }

    [Test]
    public async Task MissingOrForeignToken_Is401_AndOneThatIsNotAJWTIs400()
    {
        var uri = new Uri(_simulator.ApiBaseFor("acme"), "employees");
        using var plain = new HttpClient();
        using var none = await plain.GetAsync(uri);
        using var foreign = await SendAsync(plain, uri, "eyJ.someone-else");
        using var malformed = await SendAsync(plain, uri, "not-a-jwt");
        using var otherTenantsToken = await SendAsync(plain, uri, "eyJ.beta");
        _simulator.AddTenant("beta", "eyJ.beta");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(otherTenantsToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await malformed.Content.ReadAsStringAsync(), Does.Contain("Invalid security token structure"));
            Assert.That(await foreign.Content.ReadAsStringAsync(), Does.Contain("\"message\""));
        }
    }

    [Test]
    public async Task EveryAnswer_CarriesRateLimitHeaders_AndAConfiguredQuotaAnswers429WhenUsedUp()
    {
        _acme.Quota = new StaffCloudQuota(2, TimeSpan.FromMinutes(1));

        using var first = await _http.GetAsync(new Uri("employees", UriKind.Relative));
        using var second = await _http.GetAsync(new Uri("employees", UriKind.Relative));
        using var third = await _http.GetAsync(new Uri("employees", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Header(first, "X-Rate-Limit-Limit"), Is.EqualTo("2"));
            Assert.That(Header(first, "X-Rate-Limit-Remaining"), Is.EqualTo("1"));
            Assert.That(Header(second, "X-Rate-Limit-Remaining"), Is.EqualTo("0"));
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(Header(third, "X-Rate-Limit-Limit"), Is.EqualTo("2"));
            Assert.That(Header(third, "X-Rate-Limit-Remaining"), Is.EqualTo("0"));
            Assert.That(int.Parse(Header(third, "X-Rate-Limit-Reset")!, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
            Assert.That(_simulator.Requests.Throttled, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task WithoutAQuota_TheHeadersReportALimitNoRunReaches()
    {
        using var answer = await _http.GetAsync(new Uri("employees", UriKind.Relative));

        Assert.That(int.Parse(Header(answer, "X-Rate-Limit-Remaining")!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(1000));
    }

    [TestCase("POST")]
    [TestCase("PUT")]
    [TestCase("PATCH")]
    [TestCase("DELETE")]
    public async Task AnythingButGET_IsCountedAsAWrite_AndRefused(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("assignments/status", UriKind.Relative))
        {
            Content = new StringContent("""{"status":7}"""),
        };
        using var answer = await _http.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(_simulator.Requests.Writes, Is.EqualTo(1));
            Assert.That(_acme.Records(StaffCloudResource.Assignments).Select(a => a["status"]!.GetValue<int>()), Is.All.EqualTo(7));
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private async Task<JsonArray> GetArrayAsync(string query) =>
        JsonNode.Parse(await _http.GetStringAsync(new Uri(query, UriKind.Relative)))!.AsArray();
}
