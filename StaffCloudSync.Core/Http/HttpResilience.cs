using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StaffCloudSync.Core.Http;

/// <summary>
/// The resilience of both API clients (Polly v8), as three handlers from outside in: a total timeout per
/// request, retries with exponential back-off and jitter that honour <c>Retry-After</c> and
/// <c>X-Rate-Limit-Reset</c>, and a timeout per attempt. Retries wait on the <see cref="BackoffClock"/>; the
/// timeouts on real time. A write (POST, PATCH, PUT) is retried only when it carries an idempotency key.
/// </summary>
public static partial class HttpResilience
{
    /// <param name="perAttempt">
    /// An optional handler between the retries and the attempt timeout: it sees every attempt (a pacer that keeps the
    /// rate of requests, retries included, under a partner's limit), and its own waiting does not eat an attempt's time.
    /// </param>
    public static IHttpClientBuilder AddSyncResilience(
        this IHttpClientBuilder builder, Func<IServiceProvider, HttpResilienceOptions> options, Func<IServiceProvider, DelegatingHandler>? perAttempt = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddHttpMessageHandler(services => new ResilienceHandler(TotalTimeout(options(services))));
        builder.AddHttpMessageHandler(services => new ResilienceHandler(Retry(
            options(services),
            services.GetRequiredService<BackoffClock>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpResilience)))));
        if (perAttempt is not null)
        {
            builder.AddHttpMessageHandler(perAttempt);
        }

        builder.AddHttpMessageHandler(services => new ResilienceHandler(AttemptTimeout(options(services))));
        return builder;
    }

    /// <summary>True for what a retry can fix: 408, 429, 5xx, a timed-out attempt, a dropped connection.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    internal static ResiliencePipeline<HttpResponseMessage> Retry(HttpResilienceOptions options, BackoffClock clock, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock.Time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter.From(response, time.GetUtcNow()) : null),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    RetryLog.Retrying(logger, request?.Method.Method, request?.RequestUri?.Host, request?.RequestUri?.AbsolutePath,
                        args.Outcome.Result is { } r ? (int)r.StatusCode : null, args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private static ResiliencePipeline<HttpResponseMessage> TotalTimeout(HttpResilienceOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(options.TotalTimeout).Build();

    private static ResiliencePipeline<HttpResponseMessage> AttemptTimeout(HttpResilienceOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(options.AttemptTimeout).Build();

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, HttpResilienceOptions options, TimeProvider time)
    {
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        if (request is not null && !IsSafe(request.Method) && !IdempotencyKey.IsPresent(request))
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            // A caller's cancellation is not transient; an attempt's timeout and a dropped connection are.
            return outcome.Exception is TimeoutRejectedException or HttpRequestException
                || (outcome.Exception is OperationCanceledException && !context.CancellationToken.IsCancellationRequested);
        }

        var response = outcome.Result!;
        if (!IsTransient(response.StatusCode))
        {
            return false;
        }

        // A server that asks for a longer pause than we are willing to hold a run for is not retried now.
        return RetryAfter.From(response, time.GetUtcNow()) is not { } wait || wait <= options.MaxRetryAfter;
    }

    private static bool IsSafe(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Delete;
}
