namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>One step of a plan: what to do, to whom (<see cref="PersonId"/>, null for groups), and which rule says so. <c>Kind</c> is
/// stable (logs, run records, the plan's JSON); <c>Why</c> is in an operator's words: ids and field names only, no personal data.</summary>
public abstract record SyncAction(SyncRule Rule, string Kind, string? MobieTrainId, string Why)
{
    public virtual long? PersonId => null;
}

public abstract record PersonAction(long EmployeeId, SyncRule Rule, string Kind, string? MobieTrainId, string Why)
    : SyncAction(Rule, Kind, MobieTrainId, Why)
{
    public override long? PersonId => EmployeeId;
}

/// <summary>Rule 4: the event, project or base group someone needs does not exist yet (a base group has no externalId).</summary>
public sealed record CreateGroupAction(GroupSource Source, string Name)
    : SyncAction(SyncRule.MissingGroupCreated, "createGroup", null, Source.ExternalId is null
        ? $"{Source} is a base group someone must have and MobieTrain has no group of that name"
        : $"{Source} needs its group and MobieTrain has none with externalId {Source.ExternalId}")
{
    public string? ExternalId => Source.ExternalId;
}

/// <summary>Rule 4: the event or project was renamed or moved, so its current group's expected name changed.</summary>
public sealed record RenameGroupAction(GroupSource Source, string GroupId, string NewName)
    : SyncAction(SyncRule.MissingGroupCreated, "renameGroup", GroupId, $"{Source} is current and its group's expected name changed");

/// <summary>Rule 1: the employee is deactivated (status 5/6) or no longer returned by StaffCloud.</summary>
public sealed record RemoveUserAction(long EmployeeId, string UserId, string Cause)
    : PersonAction(EmployeeId, SyncRule.DeactivatedRemoved, "removeUser", UserId, Cause);

public sealed record RemoveInvitationAction(long EmployeeId, string InvitationId, string Cause)
    : PersonAction(EmployeeId, SyncRule.DeactivatedRemoved, "removeInvitation", InvitationId, Cause);

/// <summary>Rule 2: the invitation was not accepted within the tenant's maximum age.</summary>
public sealed record ExpireInvitationAction(long EmployeeId, string InvitationId, DateTimeOffset CreatedAt, int MaxAgeMonths)
    : PersonAction(EmployeeId, SyncRule.StaleInvitationRemoved, "expireInvitation", InvitationId,
        $"created {CreatedAt:yyyy-MM-dd} and not accepted within {MaxAgeMonths} months");

/// <summary>Safety: a rule-1 deletion the deletion guard holds until an operator allows deletions.</summary>
public sealed record HoldDeletionAction(long EmployeeId, PersonKind PersonKind, string RecordId, string Cause)
    : PersonAction(EmployeeId, SyncRule.DeletionGuard, "holdDeletion", RecordId, $"{Cause}; held by the deletion guard");

/// <summary>Rule 3: an eligible employee with no user and no pending invitation.</summary>
public sealed record InviteAction(long EmployeeId, PlannedInvitation Invitation)
    : PersonAction(EmployeeId, SyncRule.NewEligibleInvited, "invite", null,
        $"eligible (confirmed on {Invitation.Groups.Count} current or future event(s)) and not in MobieTrain");

/// <summary>Rule 7: the invitation's e-mail or phone changed, so it is withdrawn and sent again. <see cref="Wave"/> orders it after
/// the changes that free its new address (<see cref="AddressMoves"/>).</summary>
public sealed record ReplaceInvitationAction(long EmployeeId, string InvitationId, PlannedInvitation Invitation, IReadOnlyList<string> ChangedFields)
    : PersonAction(EmployeeId, SyncRule.PendingInvitationFollows, "replaceInvitation", InvitationId,
        $"{string.Join(", ", ChangedFields)} changed in StaffCloud")
{
    public int Wave { get; init; }
}

/// <summary>Rule 7, a cycle of address changes broken: withdrawn now, invited again next run. Counted as a removed invitation.</summary>
public sealed record WithdrawInvitationAction(long EmployeeId, string InvitationId)
    : PersonAction(EmployeeId, SyncRule.PendingInvitationFollows, "withdrawInvitation", InvitationId,
        "its new address is held within a cycle of address changes; withdrawn so the others can move, invited again next run");

/// <summary>Rule 7: a pending invitation's profile or groups differ from StaffCloud's.</summary>
public sealed record UpdateInvitationAction(long EmployeeId, string InvitationId, PlannedPatch Patch)
    : PersonAction(EmployeeId, SyncRule.PendingInvitationFollows, "updateInvitation", InvitationId,
        $"{string.Join(", ", Patch.ChangedFields)} differ from StaffCloud");

/// <summary>Rules 5 and 6: a user's profile or groups differ from StaffCloud's; <see cref="Wave"/> as for a replacement.</summary>
public sealed record UpdateUserAction(long EmployeeId, string UserId, PlannedPatch Patch)
    : PersonAction(EmployeeId, Patch.HasProfileChange ? SyncRule.ExistingUserUpdated : SyncRule.GroupsFollowEvents, "updateUser", UserId,
        $"{string.Join(", ", Patch.ChangedFields)} differ from StaffCloud")
{
    public int Wave { get; init; }
}

/// <summary>A record that cannot be synced as it is; listed in the run record, not an error.</summary>
public sealed record SkipAction(long EmployeeId, SkipReason Reason, SyncRule SkippedRule, string Detail)
    : PersonAction(EmployeeId, SkippedRule, "skip", null, $"{Reason}: {Detail}");

/// <summary>The rule of sync-rules.md that caused an action (numbers are the spec's).</summary>
public enum SyncRule
{
    DeactivatedRemoved = 1, StaleInvitationRemoved = 2, NewEligibleInvited = 3, MissingGroupCreated = 4,
    ExistingUserUpdated = 5, GroupsFollowEvents = 6, PendingInvitationFollows = 7, DeletionGuard = 100,
}

public sealed record PlannedInvitation(
    string ExternalId, string FirstName, string LastName, string? Email, string? Phone, string Language, IReadOnlyList<GroupRef> Groups);

/// <summary>The changed fields of a user or invitation (null = unchanged); <see cref="Groups"/>, when set, is the whole new set.</summary>
public sealed record PlannedPatch(
    string? FirstName, string? LastName, string? Email, string? Phone, string? Language,
    IReadOnlyList<GroupRef>? Groups, IReadOnlyList<string> ChangedFields)
{
    public bool IsEmpty => ChangedFields.Count == 0;

    public bool HasProfileChange => FirstName is not null || LastName is not null || Email is not null
        || Phone is not null || Language is not null;
}
