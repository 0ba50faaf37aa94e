using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>The plan under construction, one list per apply phase; <see cref="Build"/> puts them in apply order.</summary>
internal sealed class PlanBuilder
{
    private readonly HashSet<(long, SkipReason)> _skipped = [];
    private readonly List<SkipAction> _skips = [];

    /// <summary>The cause a held deletion of a person StaffCloud's list left out, unproven, gives.</summary>
    public const string UnprovenCause =
        "StaffCloud's employees list left them out, with more missing than the deletion threshold, so they were not read singly: not proven deleted";

    private readonly List<HoldDeletionAction> _unproven = [];

    public List<SyncAction> Deletions { get; } = [];

    public List<ExpireInvitationAction> Expiries { get; } = [];

    public List<WithdrawInvitationAction> Withdrawals { get; } = [];

    public List<ReplaceInvitationAction> Replacements { get; } = [];

    public List<InviteAction> Invitations { get; } = [];

    public List<SyncAction> Updates { get; } = [];

    /// <summary>One skip per person and reason, however many of their records it concerns.</summary>
    public void Skip(long employeeId, SkipReason reason, SyncRule rule, string detail)
    {
        if (_skipped.Add((employeeId, reason)))
        {
            _skips.Add(new SkipAction(employeeId, reason, rule, detail));
        }
    }

    /// <summary>A synced person missing from StaffCloud's list without proof: their records are held, whatever the guard says.</summary>
    public void HoldUnproven(long employeeId, List<MobieTrain.MobieTrainUser> users, List<MobieTrain.MobieTrainInvitation> invitations)
    {
        _unproven.AddRange(users.Select(u => new HoldDeletionAction(employeeId, PersonKind.User, u.Id, UnprovenCause)));
        _unproven.AddRange(invitations.Select(i => new HoldDeletionAction(employeeId, PersonKind.Invitation, i.Id, UnprovenCause)));
    }

    public SyncPlan Build(PlanningIndex index, DeletionGuardDecision guard)
    {
        var actions = new List<SyncAction>();
        actions.AddRange(GroupActions(index));
        actions.AddRange(Deletions.Select(d => index.IsDeletionHeld(d.PersonId!.Value) ? Hold(d) : d));

        actions.AddRange(_unproven);

        actions.AddRange(Expiries);
        actions.AddRange(Withdrawals);
        actions.AddRange(Replacements);
        actions.AddRange(Updates);
        actions.AddRange(Invitations);
        actions.AddRange(_skips);
        return new SyncPlan(actions, guard);
    }

    /// <summary>Rule 4: create the event groups a planned write needs; rename current events' groups whose name changed.</summary>
    private IEnumerable<SyncAction> GroupActions(PlanningIndex index)
    {
        var needed = new SortedSet<long>();
        foreach (var action in Replacements.Select(r => r.Invitation.Groups)
                     .Concat(Invitations.Select(i => i.Invitation.Groups))
                     .Concat(Updates.Select(GroupsOf)))
        {
            foreach (var reference in action)
            {
                if (reference.PendingEventId is { } eventId)
                {
                    needed.Add(eventId);
                }
            }
        }

        foreach (var eventId in needed)
        {
            yield return new CreateGroupAction(eventId, Rules.ExternalId.ForEventGroup(eventId), index.ExpectedGroupNames[eventId]);
        }

        foreach (var (eventId, name) in index.ExpectedGroupNames.OrderBy(p => p.Key))
        {
            if (index.EventGroups.TryGetValue(eventId, out var group) && !string.Equals(group.Name, name, StringComparison.Ordinal))
            {
                yield return new RenameGroupAction(eventId, group.Id, name);
            }
        }
    }

    private static IReadOnlyList<GroupRef> GroupsOf(SyncAction update) => update switch
    {
        UpdateUserAction u => u.Patch.Groups ?? [],
        UpdateInvitationAction i => i.Patch.Groups ?? [],
        _ => [],
    };

    private static HoldDeletionAction Hold(SyncAction deletion) => deletion switch
    {
        RemoveUserAction u => new HoldDeletionAction(u.EmployeeId, PersonKind.User, u.UserId, u.Cause),
        RemoveInvitationAction i => new HoldDeletionAction(i.EmployeeId, PersonKind.Invitation, i.InvitationId, i.Cause),
        _ => throw new ArgumentOutOfRangeException(nameof(deletion), deletion.Kind, "Only rule-1 deletions are held."),
    };
}
