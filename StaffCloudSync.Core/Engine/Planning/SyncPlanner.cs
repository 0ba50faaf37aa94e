namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The rules of sync-rules.md as one pure function: snapshot + settings + the run's time in, plan out.
/// No I/O and no clock: everything it knows is in its arguments, so a plan can be reproduced and explained.
/// The rules are in their own files: <see cref="PersonRules"/> (rules 1–3, 5–9 for one person), <see cref="SyncGroups.Actions"/>
/// (rule 4), <see cref="DeletionGuard"/> (safety), over the words of <see cref="Definitions"/>.</summary>
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
