using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

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
