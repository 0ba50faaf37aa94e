using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>The check before a first run, read only: <c>GET /api/tenants/{id}/check</c>. 200 with the report whether or not a check
/// failed (its <c>ok</c> says which); 404 for an unknown tenant.</summary>
public sealed class CheckTenant(TenantCheck check)
{
    [Function(nameof(CheckTenant))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/check")] HttpRequestData request, string tenantId, CancellationToken cancellationToken) =>
        HttpResults.GuardAsync(request, async () =>
            await HttpResults.JsonAsync(request, HttpStatusCode.OK, await check.CheckAsync(tenantId, cancellationToken)));
}
