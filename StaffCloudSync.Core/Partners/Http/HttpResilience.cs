using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Total timeout, the library's HTTP retry, a timeout per attempt, our rules on top (docs/decisions.md, "retries, timeouts").</summary>
public static class HttpResilience
{
    /// <param name="perAttempt">Between the retries and the attempt timeout (a pacer): it sees every attempt and eats no attempt's time.</param>
    public static IHttpClientBuilder AddSyncResilience(this IHttpClientBuilder builder, Func<IServiceProvider, HttpResilienceOptions> options,
        Func<IServiceProvider, DelegatingHandler>? perAttempt = null)
    {
        // Three handlers, as a pipeline has one TimeProvider: retries wait on the BackoffClock, timeouts run on the real clock.
        builder.AddPipeline("total", (pipeline, services) => pipeline.AddTimeout(options(services).TotalTimeout));
        builder.AddPipeline("retry", (pipeline, services) =>
        {
            pipeline.TimeProvider = services.GetRequiredService<BackoffClock>().Time;
            pipeline.AddRetry(Retry(options(services), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpResilience))));
        });
        if (perAttempt is not null)
            builder.AddHttpMessageHandler(perAttempt);

        builder.AddPipeline("attempt", (pipeline, services) => pipeline.AddTimeout(options(services).AttemptTimeout));
        builder.AddHttpMessageHandler(() => SyncTelemetry.PartnerHandler(builder.Name));
        return builder;
    }

    private static void AddPipeline(
        this IHttpClientBuilder builder, string name, Action<ResiliencePipelineBuilder<HttpResponseMessage>, IServiceProvider> configure) =>
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            pipeline.TimeProvider = TimeProvider.System;

            // Polly's own log events (ids 1–3) carry no tenant and fall outside our event ids; RetryLog (1200) says what is needed.
            pipeline.ConfigureTelemetry(NullLoggerFactory.Instance);
            configure(pipeline, context.ServiceProvider);
        });

    private static HttpRetryStrategyOptions Retry(HttpResilienceOptions options, TimeProvider time, ILogger logger) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxRetryAfter,

        // The library reads Retry-After only, unclamped and on the system clock; ours also reads X-Rate-Limit-Reset.
        ShouldRetryAfterHeader = false,
        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter.From(response, time.GetUtcNow()) : null),
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
        OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage();
            SyncTelemetry.RecordRetry(request);
            RetryLog.Retrying(logger, request?.Method.Method, request?.RequestUri?.Host, request?.RequestUri?.AbsolutePath,
                args.Outcome.Result is { } r ? (int)r.StatusCode : null, args.Outcome.Exception?.GetType().Name,
                args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
            return ValueTask.CompletedTask;
        },
    };

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, HttpResilienceOptions options, TimeProvider time)
    {
        // The library's DisableForUnsafeHttpMethods would never retry a write; ours are safe to retry with a key.
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        if (request is not null && !IsSafe(request.Method) && !request.Headers.Contains(IdempotencyKey.HeaderName))
            return false;

        return outcome switch
        {
            // A caller's cancellation is not transient; any other one (a connection torn down under the request) is.
            { Exception: OperationCanceledException } => !context.CancellationToken.IsCancellationRequested,

            // A server that asks for a longer pause than we are willing to hold a run for is not retried now.
            { Result: { } response } => HttpClientResiliencePredicates.IsTransient(outcome)
                && !(RetryAfter.From(response, time.GetUtcNow()) > options.MaxRetryAfter),
            _ => HttpClientResiliencePredicates.IsTransient(outcome),
        };
    }

    private static bool IsSafe(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Delete;
}

// Method, host and path only — never the query (ids of people) or a header.
internal static partial class RetryLog
{
    [LoggerMessage(1200, LogLevel.Warning, "Retrying {Method} {Host}{Path} after status {StatusCode} / {Error}: attempt {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(
        ILogger logger, string? method, string? host, string? path, int? statusCode, string? error, int attempt, long delayMs);
}

/// <summary>The clock retries and the partners' pauses wait on; tests register one whose timers fire at once.</summary>
public sealed class BackoffClock(TimeProvider time)
{
    public static BackoffClock System { get; } = new(TimeProvider.System);
    public TimeProvider Time { get; } = time;
}
