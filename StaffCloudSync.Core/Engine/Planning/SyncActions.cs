namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>One step of a plan: what to do, to whom (<see cref="PersonId"/>, null for groups), and which rule says so.</summary>
public abstract record SyncAction(SyncRule Rule)
{
    public virtual long? PersonId => null;

    /// <summary>A short, stable name of the action for logs, run records and the plan's JSON.</summary>
    public abstract string Kind { get; }

    /// <summary>The MobieTrain record the action acts on, when it exists already.</summary>
    public virtual string? MobieTrainId => null;

    /// <summary>Why, in words an operator reads (ids and field names only, no personal data).</summary>
    public abstract string Why { get; }
}

public abstract record PersonAction(long EmployeeId, SyncRule Rule) : SyncAction(Rule)
{
    public override long? PersonId => EmployeeId;
}

/// <summary>Rule 4: the event, project or base group someone needs does not exist yet (a base group has no externalId).</summary>
public sealed record CreateGroupAction(GroupSource Source, string Name) : SyncAction(SyncRule.MissingGroupCreated)
{
    public string? ExternalId => Source.ExternalId;

    public override string Kind => "createGroup";
    public override string Why => ExternalId is null
        ? $"{Source} is a base group someone must have and MobieTrain has no group of that name"
        : $"{Source} needs its group and MobieTrain has none with externalId {ExternalId}";
}

/// <summary>Rule 4: the event or project was renamed or moved, so its current group's expected name changed.</summary>
public sealed record RenameGroupAction(GroupSource Source, string GroupId, string NewName) : SyncAction(SyncRule.MissingGroupCreated)
{
    public override string Kind => "renameGroup";
    public override string? MobieTrainId => GroupId;
    public override string Why => $"{Source} is current and its group's expected name changed";
}

/// <summary>Rule 1: the employee is deactivated (status 5/6) or no longer returned by StaffCloud.</summary>
public sealed record RemoveUserAction(long EmployeeId, string UserId, string Cause)
    : PersonAction(EmployeeId, SyncRule.DeactivatedRemoved)
{
    public override string Kind => "removeUser";
    public override string? MobieTrainId => UserId;
    public override string Why => Cause;
}

/// <summary>Rule 1: the pending invitation of a deactivated employee.</summary>
public sealed record RemoveInvitationAction(long EmployeeId, string InvitationId, string Cause)
    : PersonAction(EmployeeId, SyncRule.DeactivatedRemoved)
{
    public override string Kind => "removeInvitation";
    public override string? MobieTrainId => InvitationId;
    public override string Why => Cause;
}

/// <summary>Rule 2: the invitation was not accepted within the tenant's maximum age.</summary>
public sealed record ExpireInvitationAction(long EmployeeId, string InvitationId, DateTimeOffset CreatedAt, int MaxAgeMonths)
    : PersonAction(EmployeeId, SyncRule.StaleInvitationRemoved)
{
    public override string Kind => "expireInvitation";
    public override string? MobieTrainId => InvitationId;
    public override string Why => $"created {CreatedAt:yyyy-MM-dd} and not accepted within {MaxAgeMonths} months";
}

/// <summary>Safety: a rule-1 deletion the deletion guard holds until an operator allows deletions.</summary>
public sealed record HoldDeletionAction(long EmployeeId, PersonKind PersonKind, string RecordId, string Cause)
    : PersonAction(EmployeeId, SyncRule.DeletionGuard)
{
    public override string Kind => "holdDeletion";
    public override string? MobieTrainId => RecordId;
    public override string Why => $"{Cause}; held by the deletion guard";
}

/// <summary>Rule 3: an eligible employee with no user and no pending invitation.</summary>
public sealed record InviteAction(long EmployeeId, PlannedInvitation Invitation)
    : PersonAction(EmployeeId, SyncRule.NewEligibleInvited)
{
    public override string Kind => "invite";
    public override string Why => $"eligible (confirmed on {Invitation.Groups.Count} current or future event(s)) and not in MobieTrain";
}

/// <summary>Rule 7: the invitation's e-mail or phone changed, so it is withdrawn and sent again. <see cref="Wave"/> orders it after
/// the changes that free its new address (<see cref="AddressMoves"/>).</summary>
public sealed record ReplaceInvitationAction(long EmployeeId, string InvitationId, PlannedInvitation Invitation, IReadOnlyList<string> ChangedFields)
    : PersonAction(EmployeeId, SyncRule.PendingInvitationFollows)
{
    public int Wave { get; init; }

    public override string Kind => "replaceInvitation";
    public override string? MobieTrainId => InvitationId;
    public override string Why => $"{string.Join(", ", ChangedFields)} changed in StaffCloud";
}

/// <summary>Rule 7, a cycle of address changes broken: the invitation is withdrawn now, freeing its address for the other changes
/// of the cycle; the person (skipped <c>DuplicateEmail</c>) is invited again by the next run. Counted as a removed invitation.</summary>
public sealed record WithdrawInvitationAction(long EmployeeId, string InvitationId)
    : PersonAction(EmployeeId, SyncRule.PendingInvitationFollows)
{
    public override string Kind => "withdrawInvitation";
    public override string? MobieTrainId => InvitationId;
    public override string Why => "its new address is held within a cycle of address changes; withdrawn so the others can move, invited again next run";
}

/// <summary>Rule 7: a pending invitation's profile or groups differ from StaffCloud's.</summary>
public sealed record UpdateInvitationAction(long EmployeeId, string InvitationId, PlannedPatch Patch)
    : PersonAction(EmployeeId, SyncRule.PendingInvitationFollows)
{
    public override string Kind => "updateInvitation";
    public override string? MobieTrainId => InvitationId;
    public override string Why => $"{string.Join(", ", Patch.ChangedFields)} differ from StaffCloud";
}

/// <summary>Rules 5 and 6: a user's profile or groups differ from StaffCloud's; <see cref="Wave"/> as for a replacement.</summary>
public sealed record UpdateUserAction(long EmployeeId, string UserId, PlannedPatch Patch)
    : PersonAction(EmployeeId, Patch.HasProfileChange ? SyncRule.ExistingUserUpdated : SyncRule.GroupsFollowEvents)
{
    public int Wave { get; init; }

    public override string Kind => "updateUser";
    public override string? MobieTrainId => UserId;
    public override string Why => $"{string.Join(", ", Patch.ChangedFields)} differ from StaffCloud";
}

/// <summary>A record that cannot be synced as it is; listed in the run record, not an error.</summary>
public sealed record SkipAction(long EmployeeId, SkipReason Reason, SyncRule SkippedRule, string Detail)
    : PersonAction(EmployeeId, SkippedRule)
{
    public override string Kind => "skip";
    public override string Why => $"{Reason}: {Detail}";
}

/// <summary>The rule of sync-rules.md that caused an action (numbers are the spec's).</summary>
public enum SyncRule
{
    DeactivatedRemoved = 1,
    StaleInvitationRemoved = 2,
    NewEligibleInvited = 3,
    MissingGroupCreated = 4,
    ExistingUserUpdated = 5,
    GroupsFollowEvents = 6,
    PendingInvitationFollows = 7,
    DeletionGuard = 100,
}

/// <summary>An invitation to send, with its groups as plan references.</summary>
public sealed record PlannedInvitation(
    string ExternalId, string FirstName, string LastName, string? Email, string? Phone, string Language, IReadOnlyList<GroupRef> Groups);

/// <summary>The changed fields of a user or invitation (null = unchanged); <see cref="Groups"/>, when set, is the
/// whole new set. <see cref="ChangedFields"/> names them for the log and the run record.</summary>
public sealed record PlannedPatch(
    string? FirstName, string? LastName, string? Email, string? Phone, string? Language,
    IReadOnlyList<GroupRef>? Groups, IReadOnlyList<string> ChangedFields)
{
    public bool IsEmpty => ChangedFields.Count == 0;

    public bool HasProfileChange => FirstName is not null || LastName is not null || Email is not null
        || Phone is not null || Language is not null;
}
