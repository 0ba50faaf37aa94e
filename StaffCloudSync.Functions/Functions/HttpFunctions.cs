using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Scheduling.Notifications;
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

/// <summary>What a run now would do, as a dry run that records nothing: <c>GET /api/tenants/{id}/plan</c>.</summary>
public sealed class PlanTenant(TenantOperations operations)
{
    [Function(nameof(PlanTenant))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/plan")] HttpRequestData request, string tenantId, CancellationToken cancellationToken) =>
        HttpResults.GuardAsync(request, async () =>
            await HttpResults.JsonAsync(request, HttpStatusCode.OK, await operations.PlanAsync(tenantId, cancellationToken)));
}

/// <summary>The read-only check: <c>GET /api/tenants/{id}/check</c>; 200 whether or not a check failed (<c>ok</c> says), 404 unknown.</summary>
public sealed class CheckTenant(TenantCheck check)
{
    [Function(nameof(CheckTenant))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/check")] HttpRequestData request, string tenantId, CancellationToken cancellationToken) =>
        HttpResults.GuardAsync(request, async () =>
            await HttpResults.JsonAsync(request, HttpStatusCode.OK, await check.CheckAsync(tenantId, cancellationToken)));
}

/// <summary>Every rule's decision for one person: <c>GET /api/tenants/{id}/employees/{employeeId}</c>.</summary>
public sealed class ExplainEmployee(TenantOperations operations)
{
    [Function(nameof(ExplainEmployee))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/employees/{employeeId:long}")] HttpRequestData request,
        string tenantId, long employeeId, CancellationToken cancellationToken) =>
        employeeId <= 0
            ? HttpResults.ErrorAsync(request, HttpStatusCode.BadRequest, $"employee id {employeeId} is not a StaffCloud employee id (a positive number)")
            : HttpResults.GuardAsync(request, async () =>
                await HttpResults.JsonAsync(request, HttpStatusCode.OK, await operations.ExplainAsync(tenantId, employeeId, cancellationToken)));
}

/// <summary>A run's results file, the CSV <c>staffcloud-sync runs show --csv</c> prints: <c>GET /api/tenants/{id}/runs/{runId}/results</c>.</summary>
public sealed class RunResultsCsv(RunResults results)
{
    /// <summary>Set when the run record kept only the first <see cref="RunWrites.MaxItems"/> writes: how many it left out.</summary>
    public const string OmittedHeader = "X-Omitted-Writes";

    [Function(nameof(RunResultsCsv))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/runs/{runId}/results")] HttpRequestData request,
        string tenantId, string runId, CancellationToken cancellationToken)
    {
        if (await results.GetAsync(tenantId, runId, cancellationToken) is not { } file)
            return await HttpResults.ErrorAsync(request, HttpStatusCode.NotFound, $"run '{runId}' of tenant '{tenantId}' does not exist");

        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "text/csv; charset=utf-8; header=present");
        response.Headers.Add("Content-Disposition", $"attachment; filename=\"{tenantId}-{runId}-results.csv\"");
        if (file.OmittedWrites > 0)
            response.Headers.Add(OmittedHeader, file.OmittedWrites.ToString(CultureInfo.InvariantCulture));

        await response.WriteStringAsync(file.Csv, cancellationToken);
        return response;
    }
}

/// <summary>StaffCloud's notification for one tenant: <c>POST /api/notifications/staffcloud/{tenantId}?secret=…</c>. Anonymous for
/// the host (StaffCloud cannot send a function key); the tenant's own secret is the check. 202 at once, 401, 413 or 503.</summary>
public sealed class StaffCloudNotification(NotificationReceiver receiver)
{
    [Function(nameof(StaffCloudNotification))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotificationUrl.Route)] HttpRequestData request, string tenantId, CancellationToken cancellationToken)
    {
        var result = await receiver.ReceiveAsync(tenantId, request.Query["secret"], request.Body, cancellationToken);
        return await HttpResults.JsonAsync(request, result.Status, result.Body());
    }
}
