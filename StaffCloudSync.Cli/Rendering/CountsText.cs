using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Cli.Rendering;

/// <summary>A run's counts by the names of the run record and the scenario output (sync-rules.md, "Counting").</summary>
internal static class CountsText
{
    public static IReadOnlyList<(string Name, int Value)> All(SyncCounts counts)
    {
        return
        [
            ("invited", counts.Invited),
            ("invitationsUpdated", counts.InvitationsUpdated),
            ("invitationsReplaced", counts.InvitationsReplaced),
            ("usersUpdated", counts.UsersUpdated),
            ("usersRemoved", counts.UsersRemoved),
            ("invitationsRemoved", counts.InvitationsRemoved),
            ("invitationsExpired", counts.InvitationsExpired),
            ("groupsCreated", counts.GroupsCreated),
            ("groupsRenamed", counts.GroupsRenamed),
            ("skipped", counts.Skipped),
            ("failed", counts.Failed),
            ("deletionsHeld", counts.DeletionsHeld),
        ];
    }

    /// <summary>Only the counts that are not zero, e.g. "invited 1 · groupsCreated 1"; "none" when all are.</summary>
    public static string NonZero(SyncCounts counts)
    {
        var parts = All(counts).Where(c => c.Value != 0).Select(c => $"{c.Name} {c.Value}").ToList();
        return parts.Count == 0 ? "none" : string.Join(" · ", parts);
    }
}
