namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The actions in apply order and the guard's decision; its counts are those of a dry run.</summary>
public sealed record SyncPlan(IReadOnlyList<SyncAction> Actions, DeletionGuardDecision DeletionGuard)
{
    public IEnumerable<SkipAction> Skips => Actions.OfType<SkipAction>();
    public IEnumerable<HoldDeletionAction> HeldDeletions => Actions.OfType<HoldDeletionAction>();
    public bool IsEmpty => !Actions.Any(a => a is not SkipAction and not HoldDeletionAction);

    public SyncCounts PlannedCounts()
    {
        var counter = new SyncCounter();
        foreach (var action in Actions)
            counter.Count(action);

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
    private readonly Lock _gate = new();
    private SyncCounts _counts = SyncCounts.Zero;

    public void Count(SyncAction action)
    {
        lock (_gate)
        {
            var c = _counts;
            _counts = action switch
            {
                InviteAction => c with { Invited = c.Invited + 1 },
                UpdateInvitationAction => c with { InvitationsUpdated = c.InvitationsUpdated + 1 },
                ReplaceInvitationAction => c with { InvitationsReplaced = c.InvitationsReplaced + 1 },
                UpdateUserAction => c with { UsersUpdated = c.UsersUpdated + 1 },
                RemoveUserAction => c with { UsersRemoved = c.UsersRemoved + 1 },
                RemoveInvitationAction or WithdrawInvitationAction => c with { InvitationsRemoved = c.InvitationsRemoved + 1 },
                ExpireInvitationAction => c with { InvitationsExpired = c.InvitationsExpired + 1 },
                CreateGroupAction => c with { GroupsCreated = c.GroupsCreated + 1 },
                RenameGroupAction => c with { GroupsRenamed = c.GroupsRenamed + 1 },
                SkipAction => c with { Skipped = c.Skipped + 1 },
                HoldDeletionAction => c with { DeletionsHeld = c.DeletionsHeld + 1 },
                _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Unknown action."),
            };
        }
    }

    public void CountFailure()
    {
        lock (_gate)
            _counts = _counts with { Failed = _counts.Failed + 1 };
    }

    public SyncCounts ToCounts()
    {
        lock (_gate)
            return _counts;
    }
}

/// <summary>Why an employee was not synced as they are (sync-rules.md, "Skips are not errors").</summary>
public enum SkipReason { InvalidProfile, NoContact, DuplicateEmail }

public enum PersonKind { User, Invitation }

public sealed record SkippedRecord(long EmployeeId, SkipReason Reason);

/// <summary>A rule-1 deletion the deletion guard did not apply.</summary>
public sealed record HeldDeletion(long EmployeeId, PersonKind Kind, string MobieTrainId);

/// <summary>The run record's counts: one per person or group and action (sync-rules.md, "Counting").</summary>
public sealed record SyncCounts
{
    public static SyncCounts Zero { get; } = new();
    public int Invited { get; init; }
    public int InvitationsUpdated { get; init; }
    public int InvitationsReplaced { get; init; }
    public int UsersUpdated { get; init; }
    public int UsersRemoved { get; init; }
    public int InvitationsRemoved { get; init; }
    public int InvitationsExpired { get; init; }
    public int GroupsCreated { get; init; }
    public int GroupsRenamed { get; init; }
    public int Skipped { get; init; }
    public int Failed { get; init; }
    public int DeletionsHeld { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int MinimalWrites => Invited + InvitationsUpdated + (2 * InvitationsReplaced) + UsersUpdated
        + UsersRemoved + InvitationsRemoved + InvitationsExpired + GroupsCreated + GroupsRenamed;

    /// <summary>A chain's counts: what its invocations did, added up (skips and holds are the last invocation's own).</summary>
    public SyncCounts Plus(SyncCounts later) => new()
    {
        Invited = Invited + later.Invited, InvitationsUpdated = InvitationsUpdated + later.InvitationsUpdated,
        InvitationsReplaced = InvitationsReplaced + later.InvitationsReplaced, UsersUpdated = UsersUpdated + later.UsersUpdated,
        UsersRemoved = UsersRemoved + later.UsersRemoved, InvitationsRemoved = InvitationsRemoved + later.InvitationsRemoved,
        InvitationsExpired = InvitationsExpired + later.InvitationsExpired, GroupsCreated = GroupsCreated + later.GroupsCreated,
        GroupsRenamed = GroupsRenamed + later.GroupsRenamed, Failed = Failed + later.Failed,
        Skipped = later.Skipped, DeletionsHeld = later.DeletionsHeld,
    };
}
