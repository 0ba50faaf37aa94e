using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The planner's output: the actions in apply order, and what the deletion guard decided. Its counts are the
/// counts a run would report if every write succeeded (what a dry run reports).
/// </summary>
public sealed record SyncPlan(IReadOnlyList<SyncAction> Actions, DeletionGuardDecision DeletionGuard)
{
    public IEnumerable<SkipAction> Skips => Actions.OfType<SkipAction>();

    public IEnumerable<HoldDeletionAction> HeldDeletions => Actions.OfType<HoldDeletionAction>();

    /// <summary>True when the plan writes nothing to MobieTrain.</summary>
    public bool IsEmpty => !Actions.Any(a => a is not SkipAction and not HoldDeletionAction);

    public SyncCounts PlannedCounts()
    {
        var counter = new SyncCounter();
        foreach (var action in Actions)
        {
            counter.Count(action);
        }

        return counter.ToCounts();
    }

    public IReadOnlyList<SkippedRecord> SkippedRecords() =>
        Skips.Select(s => new SkippedRecord(s.EmployeeId, s.Reason)).Distinct().ToList();

    public IReadOnlyList<HeldDeletion> HeldDeletionRecords() =>
        HeldDeletions.Select(h => new HeldDeletion(h.EmployeeId, h.PersonKind, h.RecordId)).ToList();
}

/// <summary>
/// The deletion guard (sync-rules.md, "Safety"): <see cref="Deletions"/> (D) rule-1 deletions that no approval covers
/// against <see cref="Threshold"/> = max(minimum, ceil(synced persons × percent / 100)). <see cref="ApprovedDeletions"/>
/// are the deletions of approved persons, which go through whatever D is.
/// </summary>
public sealed record DeletionGuardDecision(int Deletions, int ApprovedDeletions, int SyncedPersons, int Threshold, bool Tripped)
{
    /// <summary>The D deletions are held: more than the threshold, and no operator approved them.</summary>
    public bool Held => Tripped;

    /// <summary>This run lets through deletions that only an operator's approval made possible.</summary>
    public bool UsesApproval => ApprovedDeletions > 0;
}
