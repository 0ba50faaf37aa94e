using StaffCloudSync.Core.Failures;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Core.Sync;

/// <summary>
/// One tenant run to do: the queue message's content, or an operator's command. A continuation carries its chain
/// (the first invocation's run id) and which invocation it is, so a chain is bounded and shown as one.
/// </summary>
public sealed record SyncRequest(string TenantId, string RunId, RunTrigger Trigger, bool DryRun)
{
    public string? ChainId { get; init; }

    public int Invocation { get; init; } = 1;

    public static string NewRunId() => Guid.NewGuid().ToString("N");

    /// <summary>What a preview (explain, plan) stands in a run id's place: it reads and plans, and no write, record or log line carries it.</summary>
    public const string PreviewRunId = "preview";

    /// <summary>A preview's request: reads and plans like a dry run, and is not a run (no record, no MobieTrain write target).</summary>
    public static SyncRequest Preview(string tenantId) => new(tenantId, PreviewRunId, RunTrigger.Manual, DryRun: true);

    /// <summary>The next invocation of this run's chain: a new run id, trigger <c>continuation</c>, never a dry run.</summary>
    public SyncRequest Continuation() =>
        new(TenantId, NewRunId(), RunTrigger.Continuation, false) { ChainId = ChainId ?? RunId, Invocation = Invocation + 1 };
}

/// <summary>
/// The result of a run: its record (already stored), the plan when one was made, and whether trying the same
/// request again later could help (an outage) rather than needing an operator (credentials, configuration).
/// </summary>
public sealed record SyncOutcome(RunRecord Record, Planning.SyncPlan? Plan)
{
    /// <summary>Derived, not stored: only a run that failed because a partner was unavailable is worth retrying soon.</summary>
    public bool Retryable => Record is { Status: RunStatus.Failed, FailureKind: SyncFailureKind.Unavailable };

    /// <summary>The run stopped at its time budget: this is the continuation to start at once, under the same lease.</summary>
    public SyncRequest? Continuation { get; init; }
}
