namespace StaffCloudSync.Core.Engine.Planning;

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
        Invited = Invited + later.Invited,
        InvitationsUpdated = InvitationsUpdated + later.InvitationsUpdated,
        InvitationsReplaced = InvitationsReplaced + later.InvitationsReplaced,
        UsersUpdated = UsersUpdated + later.UsersUpdated,
        UsersRemoved = UsersRemoved + later.UsersRemoved,
        InvitationsRemoved = InvitationsRemoved + later.InvitationsRemoved,
        InvitationsExpired = InvitationsExpired + later.InvitationsExpired,
        GroupsCreated = GroupsCreated + later.GroupsCreated,
        GroupsRenamed = GroupsRenamed + later.GroupsRenamed,
        Skipped = later.Skipped,
        Failed = Failed + later.Failed,
        DeletionsHeld = later.DeletionsHeld,
    };
}
