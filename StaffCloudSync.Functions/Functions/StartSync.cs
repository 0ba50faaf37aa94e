using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>Starts a run of one tenant now (queued like a scheduled one): <c>POST /api/tenants/{id}/sync[?dryRun=true]</c>.</summary>
public sealed class StartSync(TenantOperations operations)
{
    [Function(nameof(StartSync))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/sync")] HttpRequestData request, string tenantId, CancellationToken cancellationToken)
    {
        var dryRun = bool.TryParse(request.Query["dryRun"], out var parsed) && parsed;
        var message = await operations.StartSyncAsync(tenantId, dryRun, cancellationToken);
        return message is null
            ? await HttpResults.ErrorAsync(request, HttpStatusCode.NotFound, $"tenant '{tenantId}' does not exist")
            : await HttpResults.JsonAsync(request, HttpStatusCode.Accepted, message);
    }
}
