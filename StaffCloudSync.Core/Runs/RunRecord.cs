namespace StaffCloudSync.Core.Runs;

/// <summary>
/// What one tenant run did: the row of <c>SyncRuns</c> (partition = tenant, newest first). It holds ids and
/// reasons, never a profile or a secret.
/// </summary>
public sealed record RunRecord
{
    public required string TenantId { get; init; }

    public required string RunId { get; init; }

    public RunTrigger Trigger { get; init; }

    public bool DryRun { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public RunStatus Status { get; init; }

    /// <summary>Why the run Failed, was Skipped, or holds deletions; null when it Succeeded.</summary>
    public string? Reason { get; init; }

    /// <summary>What kind of failure ended a <c>Failed</c> run (credentials, configuration, outage …); null otherwise.</summary>
    public Sync.SyncFailureKind? FailureKind { get; init; }

    public SyncCounts Counts { get; init; } = SyncCounts.Zero;

    public IReadOnlyList<SkippedRecord> Skipped { get; init; } = [];

    public IReadOnlyList<HeldDeletion> HeldDeletions { get; init; } = [];

    public IReadOnlyList<RecordFailure> Failures { get; init; } = [];

    public RunTimings Timings { get; init; } = new(0, 0, 0);
}

public enum RunStatus
{
    Running,
    Succeeded,
    CompletedWithErrors,
    DeletionsHeld,
    Failed,
    Skipped,
}

public enum RunTrigger
{
    Scheduled,
    Manual,

    /// <summary>An early run made due by StaffCloud's notifications (sync-rules.md, "Early runs").</summary>
    Webhook,
}

/// <summary>Why an employee was not synced as they are (sync-rules.md, "Skips are not errors").</summary>
public enum SkipReason
{
    InvalidProfile,
    NoContact,
    DuplicateEmail,
}

public enum PersonKind
{
    User,
    Invitation,
}

public sealed record SkippedRecord(long EmployeeId, SkipReason Reason);

/// <summary>A rule-1 deletion the deletion guard did not apply.</summary>
public sealed record HeldDeletion(long EmployeeId, PersonKind Kind, string MobieTrainId);

/// <summary>A write MobieTrain refused for one record (after retries); <see cref="Error"/> is its message.</summary>
public sealed record RecordFailure(long? EmployeeId, string Action, string? MobieTrainId, string Error);

/// <summary>Wall time of the three steps, in milliseconds.</summary>
public sealed record RunTimings(long ReadMs, long PlanMs, long ApplyMs);
