namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The rules of sync-rules.md as one pure function, no I/O and no clock, so a plan can be reproduced and explained.
/// Where each rule lives: docs/decisions.md, "Where does a rule live?".</summary>
public static class SyncPlanner
{
    public static SyncPlan Plan(TenantSnapshot snapshot, PlanSettings settings, DateTimeOffset now)
    {
        var index = new PlanningIndex(snapshot, settings, now);
        var moves = AddressMoves.Resolve(index, snapshot.MobieTrain);
        var builder = new PlanBuilder();

        // People already in MobieTrain first (a stable sort, ascending ids within each): their address changes are applied
        // before new invitations, so an address one of them gives up is free for a newcomer in the same run instead of the next.
        foreach (var employeeId in index.PeopleInScope().OrderBy(id => !index.IsInMobieTrain(id)))
            PersonRules.Plan(index, moves, employeeId, builder);

        return builder.Build(index);
    }
}
