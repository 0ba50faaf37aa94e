using System.Net;
using System.Text.Json.Nodes;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Functions.Functions;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Functions;

/// <summary><c>GET /api/tenants/{id}/check</c>: the function class the host calls, its services on Azurite and the simulators.</summary>
[NonParallelizable]
public class CheckTenantFunctionTests
{
    private static readonly TenantSettings Acme = Plans.DefaultTenant();

    [Test]
    public async Task Check_Answers200_WithEveryCheck_AndWritesNothing()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        host.SeedEligible("acme", 1);

        var response = (FakeHttpResponseData)await host.Function<CheckTenant>().RunAsync(FakeHttpRequestData.Get("tenants/acme/check"), "acme", CancellationToken.None);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonNode.Parse(response.Text())!;
        Assert.That(body["tenantId"]!.GetValue<string>(), Is.EqualTo("acme"));
        Assert.That(body["ok"]!.GetValue<bool>(), Is.True, response.Text());
        var checks = body["checks"]!.AsArray();
        Assert.That(checks.Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            "row", "secrets", "staffcloud-token", "confirmations", "languages", "phones", "mobietrain-key", "base-groups", "groups", "external-ids",
        }));
        Assert.That(checks.Select(c => c!["result"]!.GetValue<string>()), Has.All.EqualTo("pass"), response.Text());
        Assert.That(host.Environment.MobieTrain.GetContents("acme").UserGroups, Is.Empty);
        Assert.That(host.Environment.StaffCloud.Requests.Writes, Is.Zero);
    }

    [Test]
    public async Task Check_OfAnUnknownTenantIs404_AFailedCheckIs200WithOkFalse()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        host.Environment.StaffCloud.Tenant("acme").Token = "eyJsomething-else";

        var missing = (FakeHttpResponseData)await host.Function<CheckTenant>().RunAsync(FakeHttpRequestData.Get("tenants/nobody/check"), "nobody", CancellationToken.None);
        var rejected = (FakeHttpResponseData)await host.Function<CheckTenant>().RunAsync(FakeHttpRequestData.Get("tenants/acme/check"), "acme", CancellationToken.None);

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(JsonNode.Parse(missing.Text())!["error"]!.GetValue<string>(), Does.Contain("tenant 'nobody' does not exist"));
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonNode.Parse(rejected.Text())!;
        Assert.That(body["ok"]!.GetValue<bool>(), Is.False);
        var token = body["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "staffcloud-token")!;
        Assert.That(token["result"]!.GetValue<string>(), Is.EqualTo("fail"));
        Assert.That(token["detail"]!.GetValue<string>(), Does.Contain("Authentication").And.Contain("staffcloud-token-acme").And.Not.Contain("eyJsomething-else"));
    }
}
