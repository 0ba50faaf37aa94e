namespace StaffCloudSync.Core.Runs;

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

    /// <summary>The writes these counts stand for when each is done with its minimal requests.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int MinimalWrites => Invited + InvitationsUpdated + (2 * InvitationsReplaced) + UsersUpdated
        + UsersRemoved + InvitationsRemoved + InvitationsExpired + GroupsCreated + GroupsRenamed;
}
