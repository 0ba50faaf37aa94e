using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>What a run now would do, as a dry run that records nothing: <c>GET /api/tenants/{id}/plan</c>.</summary>
public sealed class PlanTenant(TenantOperations operations)
{
    [Function(nameof(PlanTenant))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/plan")] HttpRequestData request, string tenantId, CancellationToken cancellationToken) =>
        HttpResults.GuardAsync(request, async () =>
            await HttpResults.JsonAsync(request, HttpStatusCode.OK, await operations.PlanAsync(tenantId, cancellationToken)));
}
