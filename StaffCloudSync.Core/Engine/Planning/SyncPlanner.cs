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

/// <summary>The plan under construction, one list per apply phase; <see cref="Build"/> puts them in apply order.</summary>
internal sealed class PlanBuilder
{
    private readonly HashSet<(long, SkipReason)> _skipped = [];
    private readonly List<SkipAction> _skips = [];

    public List<SyncAction> Deletions { get; } = [];
    public List<HoldDeletionAction> Unproven { get; } = [];
    public List<ExpireInvitationAction> Expiries { get; } = [];
    public List<WithdrawInvitationAction> Withdrawals { get; } = [];
    public List<ReplaceInvitationAction> Replacements { get; } = [];
    public List<InviteAction> Invitations { get; } = [];
    public List<SyncAction> Updates { get; } = [];

    /// <summary>One skip per person and reason, however many of their records it concerns.</summary>
    public void Skip(long employeeId, SkipReason reason, SyncRule rule, string detail)
    {
        if (_skipped.Add((employeeId, reason)))
            _skips.Add(new SkipAction(employeeId, reason, rule, detail));
    }

    public SyncPlan Build(PlanningIndex index)
    {
        var groupSets = Replacements.Select(r => r.Invitation.Groups).Concat(Invitations.Select(i => i.Invitation.Groups))
            .Concat(Updates.Select(GroupsOf));
        List<SyncAction> actions = [.. index.Groups.Actions(groupSets), .. DeletionGuard.Apply(Deletions, index.DeletionGuard, index.Settings),
            .. Unproven, .. Expiries, .. Withdrawals, .. Replacements, .. Updates, .. Invitations, .. _skips];
        return new SyncPlan(actions, index.DeletionGuard);
    }

    private static IReadOnlyList<GroupRef> GroupsOf(SyncAction update) => update switch
    {
        UpdateUserAction u => u.Patch.Groups ?? [],
        UpdateInvitationAction i => i.Patch.Groups ?? [],
        _ => [],
    };
}
