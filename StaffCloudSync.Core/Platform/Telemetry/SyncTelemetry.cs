using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace StaffCloudSync.Core.Platform.Telemetry;

/// <summary>The app's one <see cref="ActivitySource"/> and <see cref="Meter"/>. Names are constants: alerts and the workbook
/// (infra/) query them, and a test holds both sides together.</summary>
public static class SyncTelemetry
{
    public const string Name = "StaffCloudSync";
    public const string RunSpan = "sync run";
    public const string DispatchSpan = "sync dispatch";
    public const string LeaseSpan = "lease";
    public const string ReadSpan = "read";
    public const string PlanSpan = "plan";

    // Each apply phase's span is this prefix and the phase's write (CreateGroup, RenameGroup, Remove, Change, Invite).
    public const string ApplySpanPrefix = "apply ";
    public const string RunsMetric = "staffcloudsync.runs";
    public const string ActionsMetric = "staffcloudsync.actions";
    public const string SkippedMetric = "staffcloudsync.skipped";
    public const string HeldDeletionsMetric = "staffcloudsync.deletions.held";
    public const string QuarantinedMetric = "staffcloudsync.tenants.quarantined";
    public const string PoisonMessagesMetric = "staffcloudsync.poison_messages";
    public const string NotificationRefusalsMetric = "staffcloudsync.notifications.refused";
    public const string PartnerRequestsMetric = "staffcloudsync.partner.requests";
    public const string PartnerRetriesMetric = "staffcloudsync.partner.retries";
    public const string PartnerThrottledMetric = "staffcloudsync.partner.throttled";
    public const string RunDurationMetric = "staffcloudsync.run.duration";
    public const string RunLagMetric = "staffcloudsync.run.lag";
    public const string ChainLengthMetric = "staffcloudsync.chain.length";
    public const string TenantTag = "tenant";
    public const string RunTag = "run";
    public const string StatusTag = "status";
    public const string TriggerTag = "trigger";
    public const string DryRunTag = "dry_run";
    public const string KindTag = "kind";
    public const string ReasonTag = "reason";
    public const string PartnerTag = "partner";
    public const string StatusCodeTag = "status_code";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Quarantines = Meter.CreateCounter<long>(QuarantinedMetric, "{tenant}", "Tenants put into quarantine");
    private static readonly Counter<long> Poison = Meter.CreateCounter<long>(PoisonMessagesMetric, "{message}", "Run messages the queue gave up on");
    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(NotificationRefusalsMetric, "{notification}", "Notifications refused (401)");
    private static readonly Counter<long> PartnerRequests = Meter.CreateCounter<long>(PartnerRequestsMetric, "{request}", "Requests to a partner, each attempt");
    private static readonly Counter<long> PartnerRetries = Meter.CreateCounter<long>(PartnerRetriesMetric, "{retry}", "Retries of partner requests");
    private static readonly Counter<long> PartnerThrottled = Meter.CreateCounter<long>(PartnerThrottledMetric, "{response}", "429 answers of a partner");

    // The key a partner's name rides on a request under, so a retry (counted outside the attempt) names its partner.
    private static readonly HttpRequestOptionsKey<string> PartnerOption = new("StaffCloudSync.Partner");

    /// <summary>Our spans, and the partners' HTTP calls without the query string (people's ids, a secret) in their URL.</summary>
    public static TracerProviderBuilder AddSyncTracing(this TracerProviderBuilder builder) =>
        builder.AddSource(Name).AddHttpClientInstrumentation(http =>
        {
            http.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", request.RequestUri?.GetLeftPart(UriPartial.Path));
            http.RecordException = false;
        });

    public static MeterProviderBuilder AddSyncMetrics(this MeterProviderBuilder builder) => builder.AddMeter(Name);

    /// <summary>Continues the trace its message carries, linking the span that was current (the queue function's invocation).
    /// Null when this run already has its span or nobody listens.</summary>
    public static Activity? StartRun(string runId, string? traceparent, string? tracestate)
    {
        if (Activity.Current is { OperationName: RunSpan } current && Equals(current.GetTagItem(RunTag), runId))
            return null;

        ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var parent);
        var links = Activity.Current is { } ambient && ambient.TraceId != parent.TraceId ? new[] { new ActivityLink(ambient.Context) } : null;
        return Source.StartActivity(ActivityKind.Consumer, parent, links: links, name: RunSpan)?.SetTag(RunTag, runId);
    }

    public static Activity? StartPhase(string name) => Source.StartActivity(name);

    /// <summary><c>CreateGroupAsync</c> → <c>apply CreateGroup</c>.</summary>
    public static Activity? StartApplyPhase(string writeName) =>
        Source.StartActivity(ApplySpanPrefix + (writeName ?? string.Empty).Replace("Async", string.Empty, StringComparison.Ordinal));

    /// <summary>A trace of its own (one trace is one tenant's run, not every tenant's), linked to the timer's invocation.</summary>
    public static Activity? StartDispatch(string tenantId)
    {
        var links = Activity.Current is { } timer ? new[] { new ActivityLink(timer.Context) } : null;
        return Source.StartActivity(ActivityKind.Producer, new ActivityContext(), links: links, name: DispatchSpan)?.SetTag(TenantTag, tenantId);
    }

    public static (string? Traceparent, string? Tracestate) CurrentTraceContext() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? (current.Id, current.TraceStateString) : (null, null);

    internal static readonly Counter<long> Runs = Meter.CreateCounter<long>(RunsMetric, "{run}", "Runs by status and trigger");
    internal static readonly Counter<long> Actions = Meter.CreateCounter<long>(ActionsMetric, "{action}", "Actions a run applied (or, dry, planned), by kind");
    internal static readonly Counter<long> Skipped = Meter.CreateCounter<long>(SkippedMetric, "{person}", "Persons a run skipped, by reason");
    internal static readonly Counter<long> HeldDeletions = Meter.CreateCounter<long>(HeldDeletionsMetric, "{deletion}", "Deletions a run held back");
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(RunDurationMetric, "s", "How long a run took");
    internal static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(RunLagMetric, "s", "From a queued run's request to its start");
    internal static readonly Histogram<long> Chain = Meter.CreateHistogram<long>(ChainLengthMetric, "{invocation}", "Invocations of a chain that ended");

    public static void RecordQuarantine(string tenantId) => Quarantines.Add(1, new KeyValuePair<string, object?>(TenantTag, tenantId));

    public static void RecordPoisonMessage(string? tenantId) => Poison.Add(1, new KeyValuePair<string, object?>(TenantTag, tenantId ?? "unreadable"));

    public static void RecordNotificationRefused(string? tenantId) => Refusals.Add(1, new KeyValuePair<string, object?>(TenantTag, tenantId ?? "unknown"));

    /// <summary>The partners' calls, each attempt: counted inside the retries, so a retried request counts twice.</summary>
    public static DelegatingHandler PartnerHandler(string clientName) => new PartnerRequestHandler(
        clientName.Contains("MobieTrain", StringComparison.Ordinal) ? "MobieTrain"
        : clientName.Contains("StaffCloud", StringComparison.Ordinal) ? "StaffCloud" : clientName);

    /// <summary>The retry pipeline's callback; the partner is the one its attempt named.</summary>
    public static void RecordRetry(HttpRequestMessage? request) =>
        PartnerRetries.Add(1, new KeyValuePair<string, object?>(PartnerTag, request is not null && request.Options.TryGetValue(PartnerOption, out var p) ? p : "unknown"));

    private sealed class PartnerRequestHandler(string partner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(PartnerOption, partner);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // No answer (a dropped connection, an attempt's timeout) is a request all the same.
                PartnerRequests.Add(1, new(PartnerTag, partner), new(StatusCodeTag, 0));
                throw;
            }

            PartnerRequests.Add(1, new(PartnerTag, partner), new(StatusCodeTag, (int)response.StatusCode));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                PartnerThrottled.Add(1, new KeyValuePair<string, object?>(PartnerTag, partner));

            return response;
        }
    }
}
