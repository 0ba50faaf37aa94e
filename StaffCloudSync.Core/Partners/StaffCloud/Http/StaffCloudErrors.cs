using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>The run-level errors of StaffCloud reads: each names the tenant, the resource and what to do; none a token.</summary>
internal static class StaffCloudErrors
{
    public static SyncRunException ForStatus(
        StaffCloudTarget target, string resource, HttpResponseMessage response, (string? Message, bool InvalidToken) body, DateTimeOffset now)
    {
        var tenant = target.TenantId;
        var status = response.StatusCode;
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        var detail = body.Message is null ? string.Empty : $": {body.Message}";
        var (kind, message) = status switch
        {
            HttpStatusCode.BadRequest when body.InvalidToken => (SyncFailureKind.Authentication,
                $"StaffCloud rejected the token in secret '{target.TokenSecretName}' as malformed " +
                $"(400 {StaffCloudErrorBody.InvalidTokenStructure}): " +
                "the secret must hold the API token itself (a JWT starting with 'eyJ'); renew it in Key Vault"),
            HttpStatusCode.Unauthorized => (SyncFailureKind.Authentication,
                $"StaffCloud rejected the token in secret '{target.TokenSecretName}' (401{detail}): " +
                $"renew it in Key Vault, and check that it was issued for API tenant '{target.ApiTenant}'"),
            HttpStatusCode.Forbidden => (SyncFailureKind.Authentication,
                $"StaffCloud refused /{resource} to the token in secret '{target.TokenSecretName}' (403{detail}): " +
                "its API user needs read access to employees, events and assignments; renew or widen it and update the secret in Key Vault"),
            _ when HttpClientResiliencePredicates.IsTransient(Polly.Outcome.FromResult(response)) => (SyncFailureKind.Unavailable,
                $"StaffCloud /{resource} answered {code} after retries{detail}{WaitAsked(response, now)}; the next run tries again"),
            >= (HttpStatusCode)300 and < (HttpStatusCode)400 => (SyncFailureKind.InvalidResponse,
                $"StaffCloud /{resource} answered {code}, a redirect{RedirectHost(response)}, which is not followed: " +
                $"StaffCloud is read only at https://{target.ApiTenant}.staff.cloud/api/v1/; check the tenant's StaffCloudApiTenant"),
            _ => (SyncFailureKind.InvalidResponse, $"StaffCloud /{resource} answered {code}{detail}"),
        };
        return new SyncRunException(tenant, kind, $"tenant '{tenant}': {message}");
    }

    private static string RedirectHost(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } to ? $" to host '{to.Host}'" : string.Empty;

    /// <summary>The run-level error for an exception, or null for what passes unchanged (cancellation, a missing secret, a typed error).</summary>
    public static Exception? ForException(StaffCloudTarget target, string resource, Exception exception, CancellationToken cancellationToken)
    {
        var tenant = target.TenantId;
        return exception switch
        {
            SyncRunException or SecretNotFoundException => null,
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            ResponseTooLargeException or InvalidAnswerException => new SyncRunException(tenant, SyncFailureKind.InvalidResponse,
                $"tenant '{tenant}': StaffCloud /{resource} answered with {exception.Message}", exception),
            JsonException json => new SyncRunException(tenant, SyncFailureKind.InvalidResponse,
                $"tenant '{tenant}': StaffCloud /{resource} answered with invalid JSON " +
                $"(line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})", exception),
            TimeoutRejectedException or OperationCanceledException => new SyncRunException(tenant, SyncFailureKind.Unavailable,
                $"tenant '{tenant}': StaffCloud /{resource} did not answer in time, also after retries; the next run tries again", exception),
            HttpRequestException or IOException => new SyncRunException(tenant, SyncFailureKind.Unavailable,
                $"tenant '{tenant}': StaffCloud /{resource} could not be reached or broke off the answer ({exception.GetType().Name}), " +
                "also after retries; the next run tries again", exception),
            _ => null,
        };
    }

    public static SyncRunException InvalidApiTenant(StaffCloudTarget target) =>
        new(target.TenantId, SyncFailureKind.Configuration,
            $"tenant '{target.TenantId}': StaffCloudApiTenant '{Cut(target.ApiTenant, 70)}' is not a DNS label " +
            "(1–63 characters of a-z, 0-9 and '-', not starting or ending with '-'); StaffCloud is read only at https://<it>.staff.cloud/api/v1/");

    private static string WaitAsked(HttpResponseMessage response, DateTimeOffset now) =>
        response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter.From(response, now) is { } wait
            ? $" (it asked to wait {(long)wait.TotalSeconds} s)"
            : string.Empty;

    // The value comes from a hand-edited tenant row: no line breaks into the run record, and not all of a long one.
    private static string Cut(string? value, int length)
    {
        var text = new string((value ?? string.Empty).Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
    }
}
