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
/// The deletion guard (sync-rules.md, "Safety"): <see cref="Deletions"/> (D) rule-1 deletions that no approval covers,
/// plus the <see cref="Unproven"/> records, against <see cref="Threshold"/> (<see cref="DeletionGuard.Check"/>).
/// <see cref="ApprovedDeletions"/> are the deletions of approved persons, which go through whatever D is.
/// </summary>
public sealed record DeletionGuardDecision(int Deletions, int ApprovedDeletions, int SyncedPersons, int Threshold, bool Tripped)
{
    /// <summary>Users and invitations of persons StaffCloud's list left out without proof: held whatever the approval.</summary>
    public int Unproven { get; init; }

    /// <summary>The run holds something for an operator: deletions over the threshold, or unproven persons.</summary>
    public bool HoldsAny => Tripped || Unproven > 0;

    /// <summary>This run lets through deletions that only an operator's approval made possible.</summary>
    public bool UsesApproval => ApprovedDeletions > 0;
}
