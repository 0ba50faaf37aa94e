using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

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
