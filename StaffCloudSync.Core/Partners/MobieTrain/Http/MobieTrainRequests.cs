using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>One request to MobieTrain and what its answer means; every shape error an <c>InvalidResponse</c> naming the operation.</summary>
internal sealed class MobieTrainRequests(HttpClient http, IOptions<MobieTrainOptions> options, TimeProvider time, ILogger logger)
{
    /// <summary>The idempotency key lets the shared retry repeat the write (docs/decisions.md, "Idempotency keys").</summary>
    public Task<HttpResponseMessage> WriteAsync(MobieTrainWriteTarget target, MobieTrainWrite write, CancellationToken cancellationToken)
    {
        var canonical = write.Body is null ? string.Empty : Encoding.UTF8.GetString(write.Body);
        var key = IdempotencyKey.Derive(target.TenantId, target.RunId, write.Action, write.Record, canonical);
        var request = new HttpRequestMessage(write.Method, $"{AccountPath(target)}/{write.Path}");
        request.Headers.Add(IdempotencyKey.HeaderName, key);
        if (write.Body is not null)
        {
            request.Content = new ByteArrayContent(write.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return SendAsync(target, request, write.Operation, cancellationToken);
    }

    /// <summary>Sends (and disposes) a request with the account's API key.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        MobieTrainTarget target, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        using var sent = request;
        request.Options.Set(BearerSecretHandler.SecretName, target.ApiKeySecretName);

        // The resilience handlers time a request up to its headers: only this guard stops a body that stalls half-way.
        using var guard = new CancellationTokenSource(options.Value.Resilience.TotalTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, guard.Token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw InvalidResponse(target, operation, $"a body larger than {options.Value.MaxResponseBytes / (1024 * 1024)} MiB");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException or IOException)
        {
            // What is left after the retries: every attempt timed out or lost its connection.
            MobieTrainClientLog.Unavailable(logger, target.TenantId, target.AccountId, operation, null, e.GetType().Name);
            throw new SyncRunException(target.TenantId, SyncFailureKind.Unavailable,
                $"MobieTrain did not answer {operation} for account '{target.AccountId}' of tenant '{target.TenantId}' " +
                $"after {options.Value.Resilience.MaxRetries} retries: {Describe(e)}.", e);
        }

        var outcome = BearerOutcome.Of(request);
        if (outcome.Rotated)
            MobieTrainClientLog.RetryingWithRotatedKey(logger, target.TenantId, target.AccountId, target.ApiKeySecretName);

        // The same key again, or the rotated one refused too: the key is simply not accepted.
        if (!outcome.Refused)
            return response;

        response.Dispose();
        throw AuthenticationFailed(target, HttpStatusCode.Unauthorized);
    }

    // A 403 is a valid key without access to the account: no re-read helps.
    public static Task<bool> IsKeyRefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Task.FromResult(response.StatusCode == HttpStatusCode.Unauthorized);

    /// <summary>Record-level for a write MobieTrain refused (400, 409, 422); run-level for the rest, a 404 meaning no account.</summary>
    public async Task<Exception> FailureAsync(
        MobieTrainTarget target, string operation, HttpResponseMessage response, bool isWrite, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            return AuthenticationFailed(target, response.StatusCode);

        if (HttpClientResiliencePredicates.IsTransient(Polly.Outcome.FromResult(response)))
        {
            MobieTrainClientLog.Unavailable(logger, target.TenantId, target.AccountId, operation, status, null);
            // A Retry-After longer than the resilience's MaxRetryAfter is not waited for: say so, it explains the failure.
            var wait = response.Headers.RetryAfter?.Delta is { } delta
                ? $" (Retry-After {delta.TotalSeconds:0} s; at most {options.Value.Resilience.MaxRetryAfter.TotalSeconds:0} s is waited)"
                : string.Empty;
            return new SyncRunException(target.TenantId, SyncFailureKind.Unavailable,
                $"MobieTrain answered {operation} for account '{target.AccountId}' of tenant '{target.TenantId}' with {status}{wait} " +
                $"after up to {options.Value.Resilience.MaxRetries} retries; the next run tries again.");
        }

        if (isWrite && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            var error = await MobieTrainAnswers.ReadErrorAsync(response, cancellationToken);
            var code = MobieTrainErrorText.SafeCode(error.Code);
            MobieTrainClientLog.WriteRefused(logger, target.TenantId, target.AccountId, operation, status, code);
            return new MobieTrainRecordException(
                $"MobieTrain refused {operation} ({status}{(code is null ? string.Empty : " " + code)}): {MobieTrainErrorText.Cut(error.Message)}",
                status, code);
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            MobieTrainClientLog.InvalidResponse(logger, target.TenantId, target.AccountId, operation, "404");
            return new SyncRunException(target.TenantId, SyncFailureKind.Configuration,
                $"MobieTrain answered {operation} with 404 for account '{target.AccountId}' of tenant '{target.TenantId}': the account " +
                "does not exist, or MobieTrain:BaseUrl does not point at the provisioning API. Check the tenant's MobieTrainAccountId.");
        }

        return InvalidResponse(target, operation, $"unexpected status {status}");
    }

    private SyncRunException AuthenticationFailed(MobieTrainTarget target, HttpStatusCode status)
    {
        MobieTrainClientLog.AuthenticationFailed(logger, target.TenantId, target.AccountId, target.ApiKeySecretName, (int)status);
        var message = status == HttpStatusCode.Forbidden
            ? $"MobieTrain refused access to account '{target.AccountId}' of tenant '{target.TenantId}' (403): the API key in secret " +
              $"'{target.ApiKeySecretName}' is valid but does not reach this account. Ask MobieTrain to enable the key for the account, " +
              "or correct the tenant's MobieTrainAccountId or MobieTrainApiKeySecret."
            : $"MobieTrain refused the API key in secret '{target.ApiKeySecretName}' for account '{target.AccountId}' of tenant " +
              $"'{target.TenantId}' (401), also after reading the secret again: the key is unknown or revoked. Put a valid key in the secret.";
        return new SyncRunException(target.TenantId, SyncFailureKind.Authentication, message);
    }

    public SyncRunException InvalidResponse(MobieTrainTarget target, string operation, string detail)
    {
        MobieTrainClientLog.InvalidResponse(logger, target.TenantId, target.AccountId, operation, detail);
        return new SyncRunException(target.TenantId, SyncFailureKind.InvalidResponse,
            $"MobieTrain answered {operation} for account '{target.AccountId}' of tenant '{target.TenantId}' with something the API " +
            $"does not return ({detail}); nothing of it was used.");
    }

    private static string Describe(Exception e) => e switch
    {
        TimeoutRejectedException => "the request timed out",
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => $"connection failed ({error})",
        HttpRequestException => "the connection failed",
        _ => e.GetType().Name,
    };

    public Task<(IReadOnlyList<T> Items, string? NextCursor)> ReadPageAsync<T>(MobieTrainTarget target, HttpResponseMessage response,
        string operation, Func<MobieTrainAnswer?, T> read, CancellationToken cancellationToken) =>
        ReadAsync(target, response, operation, MobieTrainJson.Default.MobieTrainPage, page =>
        {
            if (page?.Items is not { } items || page.NextCursor is { ValueKind: not JsonValueKind.String })
                throw new MobieTrainShapeException("the page is not {\"items\": [...], \"nextCursor\": ...}");

            // An empty cursor cannot be sent back meaningfully: read as the end of the list.
            var cursor = page.NextCursor is { } next && TextValue.ReadString(next) is { Length: > 0 } value ? value : null;
            return ((IReadOnlyList<T>)[.. items.Select(read)], cursor);
        }, cancellationToken);

    public async Task<T> ReadAsync<TBody, T>(MobieTrainTarget target, HttpResponseMessage response, string operation, JsonTypeInfo<TBody> type,
        Func<TBody?, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return read(await JsonSerializer.DeserializeAsync(stream, type, cancellationToken));
        }
        catch (JsonException)
        {
            // Not the serializer's message: it can quote the body.
            throw InvalidResponse(target, operation, $"a {(int)response.StatusCode} whose body is not JSON of the API's shape");
        }
        catch (MobieTrainShapeException e)
        {
            throw InvalidResponse(target, operation, e.Message);
        }
    }

    public static string AccountPath(MobieTrainTarget target) => $"v1/accounts/{Uri.EscapeDataString(target.AccountId)}";
}

/// <summary>One write: what it does and which record go into its idempotency key.</summary>
internal sealed record MobieTrainWrite(HttpMethod Method, string Path, string Action, string Record, byte[]? Body)
{
    // For messages and logs: ids only, never a value from the body.
    public string Operation => $"{Method.Method} /{Path}";
}

/// <summary>What of MobieTrain's error bodies may be stored and logged: codes and messages masked and cut.</summary>
internal static class MobieTrainErrorText
{
    private const int MaxErrorMessageLength = 300;

    // The error code is meant to be a word; one that is not is masked and cut like a message.
    public static string? SafeCode(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : ErrorTextMask.Mask(code.Trim()) is var masked && masked.Length <= 64 ? masked : masked[..64];

    // Every error message we keep goes through here.
    public static string Cut(string? message) =>
        string.IsNullOrWhiteSpace(message) ? "no error message"
        : ErrorTextMask.Mask(message.Trim()) is var masked && masked.Length <= MaxErrorMessageLength ? masked
        : string.Concat(masked.AsSpan(0, MaxErrorMessageLength - 1), "…");
}
