using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>Whether the app can reach its tenant registry: <c>GET /api/health</c> (200 or 503).</summary>
public sealed class Health(HealthCheck health)
{
    [Function(nameof(Health))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequestData request, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return await HttpResults.JsonAsync(request, report.Healthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, report);
    }
}
