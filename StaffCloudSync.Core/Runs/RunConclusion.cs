using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs;

/// <summary>How a run that applied its plan (or stopped at its budget) ends: its status and the reason an operator reads.</summary>
internal static class RunConclusion
{
    /// <summary>Held deletions need an operator, so they outrank record errors in the status; the reason names both.</summary>
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

    /// <summary>
    /// A run that spent its time budget: <c>Continued</c> with its continuation, or — past <see cref="SyncOptions.DefaultMaxContinuations"/> —
    /// <c>Failed</c>, since a chain that never ends means the budget, the limit or the partner's pace needs an operator.
    /// </summary>
    public static (RunEnd End, SyncRequest? Next) AtBudget(SyncRequest request, RunBudget budget, ApplyResult result, int maxContinuations)
    {
        var writes = result.Completed.Count.ToString(CultureInfo.InvariantCulture);
        var spent = $"time budget of {budget.Budget:c} (Sync:RunTimeBudget) spent after {writes} writes";
        if (request.Invocation > maxContinuations)
        {
            return (new(RunStatus.Failed,
                $"Configuration: {spent} in invocation {request.Invocation} of its chain, and a chain may have at most {maxContinuations} continuations; " +
                "raise the budget, or check the partner's pace — the next scheduled run goes on", SyncFailureKind.Configuration), null);
        }

        var next = request.Continuation();
        next = next.WithTraceContext();
        return (new(RunStatus.Continued, $"{spent}; continuation {next.RunId} queued (invocation {next.Invocation} of chain {next.ChainId})"), next);
    }

    /// <summary>
    /// What a held run holds and what the operator's approval will make the next run do, naming only what applies:
    /// deletions over the threshold when there are any (inactive people, applied once approved), and unproven persons
    /// when StaffCloud's list left some out (read singly once approved, deleted only on a 404).
    /// </summary>
    internal static string HeldReason(DeletionGuardDecision guard)
    {
        var deletions = guard.Tripped && guard.Deletions > 0;
        var parts = new List<string>();
        if (deletions)
            parts.Add($"{guard.Deletions} deletions held: more than the threshold of {guard.Threshold} for {guard.SyncedPersons} synced persons");

        if (guard.Unproven > 0)
        {
            parts.Add($"{guard.Unproven} records of persons StaffCloud's employees list left out held unproven (more than the threshold of {guard.Threshold}, so not read singly)");
        }

        var next = (deletions, guard.Unproven > 0) switch
        {
            (true, true) => "the next run applies the held deletions, reads the missing persons singly and deletes only those StaffCloud answers 404 for",
            (false, true) => "the next run reads the missing persons singly and deletes only those StaffCloud answers 404 for",
            _ => "the next run applies the held deletions",
        };
        return $"{string.Join("; ", parts)}; check StaffCloud, then allow deletions for this tenant: {next}";
    }
}

/// <summary>How a run ended: what its record says (status, the reason an operator reads, the kind of failure).</summary>
internal sealed record RunEnd(RunStatus Status, string? Reason, SyncFailureKind? FailureKind = null);
