using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>One GET to StaffCloud: a list streamed record by record, or a single record; every failure a <see cref="SyncRunException"/>.</summary>
internal sealed class StaffCloudRequests(HttpClient http, StaffCloudOptions options, TimeProvider time, ILogger logger)
{
    public async IAsyncEnumerable<StaffCloudElement> ReadListAsync(StaffCloudTarget target, Uri baseAddress, string resource, string query,
        (int Request, int Requests, int Ids) progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(target, baseAddress, resource, query, progress, notFoundSubject: null, cancellationToken);

        await using var body = await GuardAsync(target, resource, async ValueTask<Stream> () => new LimitedReadStream(
            await response!.Content.ReadAsStreamAsync(cancellationToken), options.MaxResponseBytes), cancellationToken);

        // Not "await foreach" inside a try: C# allows no yield there, so each step is guarded on its own.
        await using var records = StaffCloudListReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await GuardAsync(target, resource, () => records.MoveNextAsync(), cancellationToken))
            yield return records.Current;
    }

    /// <summary>A single record (bare or as <c>{"response": {...}}</c>), or null for a 404 with StaffCloud's own JSON error answer.</summary>
    public async Task<StaffCloudElement?> ReadOneAsync(
        StaffCloudTarget target, Uri baseAddress, string resource, string query, string subject, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(target, baseAddress, resource, query, (1, 1, 1), notFoundSubject: subject, cancellationToken);
        return response is null ? null : await GuardAsync(target, resource, async ValueTask<StaffCloudElement?> () =>
        {
            await using var stream = new LimitedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken), options.MaxResponseBytes);
            var root = await StaffCloudListReader.JsonAsync(
                () => JsonSerializer.DeserializeAsync(stream, StaffCloudJson.Default.StaffCloudElement, cancellationToken));
            return root.Fields?.Response ?? root;
        }, cancellationToken);
    }

    private async Task<HttpResponseMessage?> SendAsync(StaffCloudTarget target, Uri baseAddress, string resource, string query,
        (int Request, int Requests, int Ids) progress, string? notFoundSubject, CancellationToken cancellationToken)
    {
        StaffCloudLog.Reading(logger, target.TenantId, resource, progress.Request, progress.Requests, progress.Ids);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, $"{resource}?{query}"));
        request.Options.Set(BearerSecretHandler.SecretName, target.TokenSecretName);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            // Headers only: the body is streamed by the reader, so a long list is never held whole in memory.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (StaffCloudErrors.ForException(target, resource, ex, cancellationToken) is { } typed)
        {
            StaffCloudLog.RequestFailed(logger, target.TenantId, resource, ex.GetType().Name, null);
            throw typed;
        }

        try
        {
            var outcome = BearerOutcome.Of(request);
            if (outcome.Rotated)
                StaffCloudLog.TokenRotated(logger, target.TenantId, target.TokenSecretName, (int)response.StatusCode);

            if (response.IsSuccessStatusCode)
                return response;

            if (notFoundSubject is not null && response.StatusCode == HttpStatusCode.NotFound)
            {
                var sent = BearerOutcome.SentSecret(request);
                var (proves, description) = await StaffCloudErrorBody.ReadNotFoundAsync(response, sent, cancellationToken);
                if (proves)
                {
                    response.Dispose();
                    return null;
                }

                StaffCloudLog.RequestFailed(logger, target.TenantId, resource, "status", (int)response.StatusCode);
                throw new SyncRunException(target.TenantId, SyncFailureKind.InvalidResponse,
                    $"tenant '{target.TenantId}': StaffCloud /{resource} answered 404 with {description}, which is not StaffCloud's " +
                    $"error answer and proves nothing about {notFoundSubject} (a proxy's or a wrong path's 404?); nothing was written");
            }

            if (outcome.Refused)
                StaffCloudLog.TokenRefused(logger, target.TenantId, target.TokenSecretName, (int)response.StatusCode);

            var body = await StaffCloudErrorBody.ReadAsync(response, BearerOutcome.SentSecret(request), cancellationToken);
            StaffCloudLog.RequestFailed(logger, target.TenantId, resource, "status", (int)response.StatusCode);
            throw StaffCloudErrors.ForStatus(target, resource, response, body, time.GetUtcNow());
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public static async ValueTask<T> GuardAsync<T>(
        StaffCloudTarget target, string resource, Func<ValueTask<T>> step, CancellationToken cancellationToken)
    {
        try
        {
            return await step();
        }
        catch (Exception ex) when (StaffCloudErrors.ForException(target, resource, ex, cancellationToken) is { } typed)
        {
            throw typed;
        }
    }
}
