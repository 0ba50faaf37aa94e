namespace StaffCloudSync.Core.Sync.Planning;

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

    /// <summary>Safety: the deletion guard held a rule-1 deletion.</summary>
    DeletionGuard = 100,
}
