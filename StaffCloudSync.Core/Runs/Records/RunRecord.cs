using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Runs.Records;

/// <summary>What one tenant run did (<see cref="RunStore"/>): ids and reasons, never a profile or a secret.</summary>
public sealed record RunRecord
{
    public required string TenantId { get; init; }
    public required string RunId { get; init; }
    public RunTrigger Trigger { get; init; }
    public bool DryRun { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public RunStatus Status { get; init; }

    // Why the run Failed, was Skipped, or holds deletions; null when it Succeeded.
    public string? Reason { get; init; }
    public SyncFailureKind? FailureKind { get; init; }
    public SyncCounts Counts { get; init; } = SyncCounts.Zero;
    public IReadOnlyList<SkippedRecord> Skipped { get; init; } = [];
    public IReadOnlyList<HeldDeletion> HeldDeletions { get; init; } = [];
    public IReadOnlyList<RecordFailure> Failures { get; init; } = [];

    // The person writes the run attempted, for its results file: stored apart and not read back with the record.
    [JsonIgnore]
    public RunWrites Writes { get; init; } = RunWrites.Empty;
    public RunApproval? Approval { get; init; }
    public RunTimings Timings { get; init; } = new(0, 0, 0);

    // The run id of the chain's first invocation (its own id when it is the first).
    public string? ChainId { get; init; }
    public int Invocation { get; init; } = 1;
}

// Continued: stopped between writes at Sync:RunTimeBudget; its continuation is queued (sync-rules.md, "Time budget").
public enum RunStatus { Running, Succeeded, CompletedWithErrors, DeletionsHeld, Continued, Failed, Skipped }

// Webhook: an early run made due by StaffCloud's notifications (sync-rules.md, "Early runs").
public enum RunTrigger { Scheduled, Manual, Continuation, Webhook }

/// <summary>A write MobieTrain refused for one record (after retries), its message masked (no e-mail, phone or key-like text).</summary>
public sealed record RecordFailure(long? EmployeeId, string Action, string? MobieTrainId, string Error, int? Status = null, string? ErrorCode = null);

/// <summary>An operator's approval of held deletions as a run saw it: whom it covered when the run started, and whom the run deleted.</summary>
public sealed record RunApproval(string Id, string ApprovedRunId, string? GrantedBy, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt,
    IReadOnlyList<long> Covers, IReadOnlyList<long> Deleted);

public sealed record RunTimings(long ReadMs, long PlanMs, long ApplyMs);
