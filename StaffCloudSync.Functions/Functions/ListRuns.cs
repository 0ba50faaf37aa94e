using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>The tenant's recent runs, newest first: <c>GET /api/tenants/{id}/runs[?max=20]</c>.</summary>
public sealed class ListRuns(TenantOperations operations)
{
    [Function(nameof(ListRuns))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/runs")] HttpRequestData request, string tenantId, CancellationToken cancellationToken)
    {
        var max = int.TryParse(request.Query["max"], out var parsed) ? Math.Clamp(parsed, 1, 200) : 20;
        return await HttpResults.JsonAsync(request, HttpStatusCode.OK, await operations.RecentRunsAsync(tenantId, max, cancellationToken));
    }
}
