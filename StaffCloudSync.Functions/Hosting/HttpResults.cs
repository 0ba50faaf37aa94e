using System.Text.Json;
using System.Text.Json.Serialization;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Functions.Hosting;

/// <summary>JSON answers of the on-demand endpoints, and the one place where a run-level error becomes a status code:
/// unknown tenant 404, invalid tenant row 409, credentials 502, StaffCloud/MobieTrain down 503.</summary>
public static class HttpResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        // Answers are application/json for operators and scripts, never HTML: quotes in reasons stay readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<HttpResponseData> JsonAsync(HttpRequestData request, HttpStatusCode status, object body)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(JsonSerializer.Serialize(body, Json));
        return response;
    }

    public static Task<HttpResponseData> ErrorAsync(HttpRequestData request, HttpStatusCode status, string error) =>
        JsonAsync(request, status, new { error });

    public static async Task<HttpResponseData> GuardAsync(HttpRequestData request, Func<Task<HttpResponseData>> operation)
    {
        try
        {
            return await operation();
        }
        catch (SyncRunException e)
        {
            var status = e.Kind switch
            {
                SyncFailureKind.UnknownTenant => HttpStatusCode.NotFound,
                SyncFailureKind.Configuration => HttpStatusCode.Conflict,
                SyncFailureKind.Authentication or SyncFailureKind.MissingSecret or SyncFailureKind.InvalidResponse => HttpStatusCode.BadGateway,
                _ => HttpStatusCode.ServiceUnavailable,
            };
            return await ErrorAsync(request, status, $"{e.Kind}: {e.Message}");
        }
        catch (Core.Platform.Secrets.SecretNotFoundException e)
        {
            return await ErrorAsync(request, HttpStatusCode.BadGateway, $"MissingSecret: {e.Message}");
        }
    }
}
