using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Core.Runs;

/// <summary>A run's request and record in <see cref="SyncTelemetry"/>'s terms, apart so that stays a leaf any folder can use.</summary>
public static class RunTelemetry
{
    public static Activity? StartRunSpan(this SyncRequest request) =>
        SyncTelemetry.StartRun(request.RunId, request.Traceparent, request.Tracestate)?.SetTag(SyncTelemetry.TenantTag, request.TenantId)
            .SetTag(SyncTelemetry.TriggerTag, request.Trigger.ToString()).SetTag(SyncTelemetry.DryRunTag, request.DryRun)
            .SetTag("chain", request.ChainId ?? request.RunId).SetTag("invocation", request.Invocation);

    // The queue trigger opens a queued run's span itself.
    internal static Func<SyncRequest, Func<Task<SyncOutcome>>, Task<SyncOutcome>> EachInItsSpan(
        Func<SyncRequest, Func<Task<SyncOutcome>>, Task<SyncOutcome>>? around) => async (request, run) =>
    {
        using var span = request.StartRunSpan();
        return around is null ? await run() : await around(request, run);
    };

    // Unless it carries one already (a continuation's own).
    public static SyncRequest WithTraceContext(this SyncRequest request) =>
        request.Traceparent is null && SyncTelemetry.CurrentTraceContext() is ({ } traceparent, var tracestate)
            ? request with { Traceparent = traceparent, Tracestate = tracestate }
            : request;

    // Opened here because the planner is pure (no clock, no telemetry).
    public static SyncPlan PlanInSpan(TenantSnapshot snapshot, RunContext context)
    {
        using var span = SyncTelemetry.StartPhase(SyncTelemetry.PlanSpan);
        var plan = SyncPlanner.Plan(snapshot, context.Plan, context.Now);
        span?.SetTag("actions", plan.Actions.Count);
        return plan;
    }

    public static void Record(SyncRequest request, RunRecord record, long durationMs)
    {
        var tenant = new KeyValuePair<string, object?>(SyncTelemetry.TenantTag, record.TenantId);
        var dry = new KeyValuePair<string, object?>(SyncTelemetry.DryRunTag, record.DryRun);
        var status = new KeyValuePair<string, object?>(SyncTelemetry.StatusTag, record.Status.ToString());
        var trigger = new KeyValuePair<string, object?>(SyncTelemetry.TriggerTag, record.Trigger.ToString());
        SyncTelemetry.Runs.Add(1, tenant, dry, status, trigger);
        SyncTelemetry.Duration.Record(durationMs / 1000.0, status, trigger);

        // Only a queued run has a request time; the lag is how long it waited for a worker (or its debounce).
        if (request.RequestedAt != default && record.StartedAt >= request.RequestedAt)
            SyncTelemetry.Lag.Record((record.StartedAt - request.RequestedAt).TotalSeconds, trigger);

        // Skips and held deletions have metrics of their own.
        var actionColumns = RunEntityMapper.CountColumns.Where(c => c.Column is not (nameof(SyncCounts.Skipped) or nameof(SyncCounts.DeletionsHeld)));
        foreach (var (kind, get, _) in actionColumns)
        {
            if (get(record.Counts) is > 0 and var count)
                SyncTelemetry.Actions.Add(count, tenant, dry, new(SyncTelemetry.KindTag, kind));
        }

        foreach (var reason in record.Skipped.GroupBy(s => s.Reason))
            SyncTelemetry.Skipped.Add(reason.Count(), tenant, dry, new(SyncTelemetry.ReasonTag, reason.Key.ToString()));

        if (record.Counts.DeletionsHeld > 0)
            SyncTelemetry.HeldDeletions.Add(record.Counts.DeletionsHeld, tenant, dry);

        // A chain ends with any invocation that queued no continuation; one never started is no chain.
        if (record.Status is not (RunStatus.Continued or RunStatus.Running or RunStatus.Skipped))
            SyncTelemetry.Chain.Record(record.Invocation, status);

        if (Activity.Current is { OperationName: SyncTelemetry.RunSpan } span)
        {
            span.SetTag(SyncTelemetry.StatusTag, record.Status.ToString());

            // The planner is pure (no clock), so it has no span of its own; its time, as the record has it, is here.
            span.SetTag("read_ms", record.Timings.ReadMs).SetTag("plan_ms", record.Timings.PlanMs).SetTag("apply_ms", record.Timings.ApplyMs);
            span.SetStatus(record.Status == RunStatus.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok,
                record.Status == RunStatus.Failed ? record.FailureKind?.ToString() : null);
        }
    }
}
