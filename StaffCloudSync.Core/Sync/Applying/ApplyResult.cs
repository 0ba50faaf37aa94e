using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Core.Sync.Applying;

/// <summary>
/// What applying a plan did: counts of what succeeded, the records MobieTrain refused, and — when a run-level
/// error stopped it — that error (the rest of the plan was not attempted).
/// </summary>
public sealed record ApplyResult(SyncCounts Counts, IReadOnlyList<RecordFailure> Failures, Exception? RunLevelError);
