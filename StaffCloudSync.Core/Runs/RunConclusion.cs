using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs;

// Next: the continuation a run that stopped early hands over to.
internal sealed record RunEnd(RunStatus Status, string? Reason, SyncFailureKind? FailureKind = null, SyncRequest? Next = null);

internal static class RunConclusion
{
    // Held deletions need an operator, so they outrank record errors in the status; the reason names both.
    public static RunEnd Of(SyncPlan plan, ApplyResult result)
    {
        var failed = result.Counts.Failed;
        var failures = failed > 0 ? $"{failed} record(s) failed; see the run's failures" : null;
        if (plan.DeletionGuard.HoldsAny)
        {
            var held = HeldReason(plan.DeletionGuard);
            return new(RunStatus.DeletionsHeld, failures is null ? held : $"{held}; {failures}");
        }

        return failed > 0 ? new(RunStatus.CompletedWithErrors, failures) : new(RunStatus.Succeeded, null);
    }

    // Past MaxContinuations Failed: a chain that never ends means the budget or the partner's pace needs an operator.
    public static RunEnd AtBudget(SyncRequest request, RunBudget budget, ApplyResult result, int maxContinuations)
    {
        var writes = result.Completed.Count.ToString(CultureInfo.InvariantCulture);
        var spent = $"time budget of {budget.Budget:c} (Sync:RunTimeBudget) spent after {writes} writes";
        if (request.Invocation > maxContinuations)
        {
            return new(RunStatus.Failed,
                $"Configuration: {spent} in invocation {request.Invocation} of its chain, and a chain may have at most {maxContinuations} continuations; " +
                "raise the budget, or check the partner's pace — the next scheduled run goes on", SyncFailureKind.Configuration);
        }

        var next = request.Continuation().WithTraceContext();
        return new(RunStatus.Continued, $"{spent}; continuation {next.RunId} queued (invocation {next.Invocation} of chain {next.ChainId})",
            Next: next);
    }

    // What a held run holds and what the operator's approval makes the next run do, naming only what applies.
    internal static string HeldReason(DeletionGuardDecision guard)
    {
        var deletions = guard.Tripped && guard.Deletions > 0;
        var parts = new List<string>();
        if (deletions)
            parts.Add($"{guard.Deletions} deletions held: more than the threshold of {guard.Threshold} for {guard.SyncedPersons} synced persons");

        if (guard.Unproven > 0)
            parts.Add($"{guard.Unproven} records of persons StaffCloud's employees list left out held unproven (more than the threshold of {guard.Threshold}, so not read singly)");

        var next = (deletions, guard.Unproven > 0) switch
        {
            (true, true) => "the next run applies the held deletions, reads the missing persons singly and deletes only those StaffCloud answers 404 for",
            (false, true) => "the next run reads the missing persons singly and deletes only those StaffCloud answers 404 for",
            _ => "the next run applies the held deletions",
        };
        return $"{string.Join("; ", parts)}; check StaffCloud, then allow deletions for this tenant: {next}";
    }
}

/// <summary>Unknown errors count as transient (a retry is cheap and safe: every write is idempotent), but their type is named.</summary>
internal sealed record RunFailure(SyncFailureKind Kind, string Message)
{
    public RunEnd End(string? suffix = null) => new(RunStatus.Failed, $"{Kind}: {Message}{suffix}", Kind);

    // Null for a cancellation of the whole host, which must propagate rather than be recorded as a failure.
    public static RunFailure? From(string tenantId, Exception exception) => exception switch
    {
        SyncRunException run => new RunFailure(run.Kind, run.Message),
        SecretNotFoundException secret => new RunFailure(SyncFailureKind.MissingSecret,
            $"tenant '{tenantId}': {secret.Message} Create it in Key Vault (see docs/operations.md)."),
        SecretAccessDeniedException denied => new RunFailure(SyncFailureKind.Authentication, $"tenant '{tenantId}': {denied.Message}"),
        OperationCanceledException => null,
        _ => new RunFailure(SyncFailureKind.Unavailable, $"tenant '{tenantId}': unexpected {exception.GetType().Name}: {exception.Message}"),
    };
}

/// <summary>The host is stopping, or the lease is lost: stopped between writes, never in one (the next run would have to guess).</summary>
internal sealed class RunStop(CancellationToken hostStopping, CancellationToken leaseLost) : IDisposable
{
    private readonly CancellationTokenSource _any = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, leaseLost);

    public CancellationToken Token => _any.Token;
    public bool Stopped => _any.IsCancellationRequested;

    // A lost lease outranks the host: another run may own the tenant now, so no continuation is queued.
    public RunEnd End(SyncRequest request, int writes, ILogger logger)
    {
        var done = $"stopped between writes after {writes.ToString(CultureInfo.InvariantCulture)} writes";
        if (leaseLost.IsCancellationRequested)
        {
            QueueLog.LeaseLostStopped(logger, request.TenantId, request.RunId, writes);
            return new RunEnd(RunStatus.Failed,
                $"LeaseLost: the run could not renew its tenant's lease and {done}, so that no other run writes beside it; " +
                "the queue's retry or the next run finishes the work", SyncFailureKind.Unavailable);
        }

        var next = request.Continuation();
        QueueLog.HostStopping(logger, request.TenantId, request.RunId, writes, next.RunId);
        return new RunEnd(RunStatus.Continued,
            $"the host is stopping (a deployment, a scale-in or a restart): {done}; continuation {next.RunId} queued " +
            $"(invocation {next.Invocation.ToString(CultureInfo.InvariantCulture)} of chain {next.ChainId}) with the lease", Next: next);
    }

    public void Dispose() => _any.Dispose();
}
