namespace StaffCloudSync.Core.Engine.Planning;

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

/// <summary>Thread-safe tally of actions into <see cref="SyncCounts"/> (writes run in parallel).</summary>
public sealed class SyncCounter
{
    private int _invited;
    private int _invitationsUpdated;
    private int _invitationsReplaced;
    private int _usersUpdated;
    private int _usersRemoved;
    private int _invitationsRemoved;
    private int _invitationsExpired;
    private int _groupsCreated;
    private int _groupsRenamed;
    private int _skipped;
    private int _failed;
    private int _deletionsHeld;

    /// <summary>Counts one action as done (or, for skips and held deletions, as listed).</summary>
    public void Count(SyncAction action)
    {
        switch (action)
        {
            case InviteAction: Interlocked.Increment(ref _invited); break;
            case UpdateInvitationAction: Interlocked.Increment(ref _invitationsUpdated); break;
            case ReplaceInvitationAction: Interlocked.Increment(ref _invitationsReplaced); break;
            case UpdateUserAction: Interlocked.Increment(ref _usersUpdated); break;
            case RemoveUserAction: Interlocked.Increment(ref _usersRemoved); break;
            case RemoveInvitationAction or WithdrawInvitationAction: Interlocked.Increment(ref _invitationsRemoved); break;
            case ExpireInvitationAction: Interlocked.Increment(ref _invitationsExpired); break;
            case CreateGroupAction: Interlocked.Increment(ref _groupsCreated); break;
            case RenameGroupAction: Interlocked.Increment(ref _groupsRenamed); break;
            case SkipAction: Interlocked.Increment(ref _skipped); break;
            case HoldDeletionAction: Interlocked.Increment(ref _deletionsHeld); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Unknown action.");
        }
    }

    public void CountFailure() => Interlocked.Increment(ref _failed);

    public SyncCounts ToCounts() => new()
    {
        Invited = Volatile.Read(ref _invited),
        InvitationsUpdated = Volatile.Read(ref _invitationsUpdated),
        InvitationsReplaced = Volatile.Read(ref _invitationsReplaced),
        UsersUpdated = Volatile.Read(ref _usersUpdated),
        UsersRemoved = Volatile.Read(ref _usersRemoved),
        InvitationsRemoved = Volatile.Read(ref _invitationsRemoved),
        InvitationsExpired = Volatile.Read(ref _invitationsExpired),
        GroupsCreated = Volatile.Read(ref _groupsCreated),
        GroupsRenamed = Volatile.Read(ref _groupsRenamed),
        Skipped = Volatile.Read(ref _skipped),
        Failed = Volatile.Read(ref _failed),
        DeletionsHeld = Volatile.Read(ref _deletionsHeld),
    };
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
