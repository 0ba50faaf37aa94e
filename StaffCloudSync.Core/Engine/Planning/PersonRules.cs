using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Sync-rules.md rules 1–3 and 5–9 for one person. Protected records never reach here: only synced persons and confirmed
/// employees are in scope.</summary>
internal static class PersonRules
{
    public static void Plan(PlanningIndex index, AddressMoves moves, long employeeId, PlanBuilder plan)
    {
        var users = index.UsersOf(employeeId);
        var invitations = index.InvitationsOf(employeeId);
        index.Employees.TryGetValue(employeeId, out var employee);

        if (employee is null && index.IsUnproven(employeeId))
        {
            // Absence from a list is never proof: no single read said 404, so nothing of this person is touched.
            plan.Unproven.AddRange(DeletionGuard.HoldUnproven(employeeId, users, invitations));
            return;
        }

        if (DeactivationCause(employee) is { } cause)
        {
            // Rule 1 (the guard decides later whether these are applied or held).
            plan.Deletions.AddRange(users.Select(u => new RemoveUserAction(employeeId, u.Id, cause)));
            plan.Deletions.AddRange(invitations.Select(i => new RemoveInvitationAction(employeeId, i.Id, cause)));
            return;
        }

        // Rule 2 applies to every synced invitation that rule 1 does not remove.
        plan.Expiries.AddRange(invitations.Where(index.IsStale)
            .Select(i => new ExpireInvitationAction(employeeId, i.Id, i.CreatedAt!.Value, index.Settings.InvitationMaxAgeMonths)));
        var liveInvitations = invitations.Where(i => !index.IsStale(i)).ToList();

        // Rule 8: statuses 0–3 (and any unknown status) are left as they are.
        if (!Definitions.IsActive(employee!.Status))
            return;

        var profile = index.Profiles[employeeId];
        var events = index.CurrentEventsOf(employeeId);
        var hasRecords = users.Count > 0 || invitations.Count > 0;
        if (!hasRecords)
        {
            if (events.Length > 0)
                PlanInvitation(index, moves, employeeId, profile, events, plan);

            return; // Rule 8: active, nothing current, nothing in MobieTrain.
        }

        if (!profile.HasNames)
        {
            if (users.Count > 0 || liveInvitations.Count > 0)
                plan.Skip(employeeId, SkipReason.InvalidProfile, users.Count > 0 ? SyncRule.ExistingUserUpdated : SyncRule.PendingInvitationFollows, profile.MissingNames);

            return;
        }

        foreach (var user in users)
        {
            var patch = UserPatch(index, moves, employeeId, user, profile, events, plan);
            if (!patch.IsEmpty)
                plan.Updates.Add(new UpdateUserAction(employeeId, user.Id, patch) { Wave = moves.WaveOf(PersonKind.User, user.Id) });
        }

        foreach (var invitation in liveInvitations)
            PlanInvitationFollows(index, moves, employeeId, invitation, profile, events, plan);
    }

    private static string? DeactivationCause(StaffCloudEmployee? employee) => employee?.Status switch
    {
        null when employee is null => "hard-deleted: left out by StaffCloud's employees list, and its single read answered 404",
        StaffCloudStatus.EmployeeInactive => "status 5 (inactive) in StaffCloud",
        StaffCloudStatus.EmployeeDeleted => "status 6 (deleted) in StaffCloud",
        _ => null,
    };

    /// <summary>Rule 3 with its skip reasons, in the order InvalidProfile, NoContact, DuplicateEmail.</summary>
    private static void PlanInvitation(PlanningIndex index, AddressMoves moves, long employeeId, MappedProfile profile, long[] events, PlanBuilder plan)
    {
        (SkipReason Reason, string Detail)? skip = !profile.HasNames ? (SkipReason.InvalidProfile, profile.MissingNames)
            : !profile.HasContact ? (SkipReason.NoContact, "neither a valid email nor a valid mobile/phone")
            : DuplicateEmailDetail(moves.Emails, employeeId, profile.Email) is { } duplicate ? (SkipReason.DuplicateEmail, duplicate)
            : null;
        if (skip is { } s)
        {
            plan.Skip(employeeId, s.Reason, SyncRule.NewEligibleInvited, s.Detail);
            return;
        }

        var groups = EventGroupSets.ForInvitation(index, events);
        plan.Invitations.Add(new InviteAction(employeeId, new PlannedInvitation(ExternalId.ForEmployee(employeeId),
            profile.FirstName!, profile.LastName!, profile.Email, profile.Phone, profile.Language ?? index.Settings.DefaultLanguage, groups)));
    }

    private static string? DuplicateEmailDetail(EmailLedger emails, long employeeId, string? email) =>
        email is null ? null
        : emails.IsOfLowerEligible(email, employeeId) ? "the email is also that of an eligible employee with a lower id"
        : emails.IsUsedByOther(email, employeeId) ? "the email is already used by a MobieTrain user or invitation with another externalId"
        : null;

    /// <summary>Rules 5 and 6 in one patch; the e-mail only when <see cref="AddressMoves"/> found its new address free.</summary>
    private static PlannedPatch UserPatch(PlanningIndex index, AddressMoves moves, long employeeId, MobieTrainUser user, MappedProfile profile, long[] events, PlanBuilder plan)
    {
        var move = moves.StateOf(PersonKind.User, user.Id);
        if (move == MoveState.InCycle)
        {
            plan.Skip(employeeId, SkipReason.DuplicateEmail, SyncRule.ExistingUserUpdated,
                "the new email is another user's, whose own new email is this user's (a swap): MobieTrain cannot hold one address twice, so change one of them by hand");
        }

        return Patch(user.Profile, profile, move == MoveState.Accepted ? profile.Email : null, index.NewPhone(profile, user.Profile),
            EventGroupSets.Desired(index, user.UserGroupIds, events));
    }

    /// <summary>Rule 7: a live invitation follows like a user; a new e-mail or phone means a replacement.</summary>
    private static void PlanInvitationFollows(
        PlanningIndex index, AddressMoves moves, long employeeId, MobieTrainInvitation invitation, MappedProfile profile, long[] events, PlanBuilder plan)
    {
        // A new address means a new invitation e-mail: sent only to someone eligible now (see docs/decisions.md);
        // for the others the address waits, while names, language and groups follow.
        var eligible = events.Length > 0;
        var changedContact = new List<string>(2);
        if (eligible && profile.Email is { } email && !EmailAddress.AreSame(email, invitation.Profile.Email))
            changedContact.Add("email");

        if (eligible && index.NewPhone(profile, invitation.Profile) is not null)
            changedContact.Add("phone");

        if (changedContact.Count > 0)
        {
            var newEmail = profile.Email ?? invitation.Profile.Email;
            if (moves.StateOf(PersonKind.Invitation, invitation.Id) == MoveState.Withdrawn)
            {
                plan.Withdrawals.Add(new WithdrawInvitationAction(employeeId, invitation.Id));
                plan.Skip(employeeId, SkipReason.DuplicateEmail, SyncRule.PendingInvitationFollows,
                    "the new email is held by a record whose own change needs this invitation's address (a cycle): withdrawn now, invited again by the next run");
                return;
            }

            if (changedContact.Contains("email") && DuplicateEmailDetail(moves.Emails, employeeId, newEmail) is { } duplicate)
            {
                plan.Skip(employeeId, SkipReason.DuplicateEmail, SyncRule.PendingInvitationFollows, duplicate);
                return;
            }

            var groups = EventGroupSets.Desired(index, invitation.UserGroupIds, events)
                ?? invitation.UserGroupIds.Distinct(StringComparer.Ordinal).Select(GroupRef.Existing).ToList();
            var replacement = new PlannedInvitation(ExternalId.ForEmployee(employeeId), profile.FirstName!, profile.LastName!, newEmail,
                profile.Phone ?? invitation.Profile.Phone, profile.Language ?? invitation.Profile.Language ?? index.Settings.DefaultLanguage, groups);
            plan.Replacements.Add(new ReplaceInvitationAction(employeeId, invitation.Id, replacement, changedContact)
                { Wave = moves.WaveOf(PersonKind.Invitation, invitation.Id) });
            return;
        }

        var patch = Patch(invitation.Profile, profile, null, null, EventGroupSets.Desired(index, invitation.UserGroupIds, events));
        if (!patch.IsEmpty)
            plan.Updates.Add(new UpdateInvitationAction(employeeId, invitation.Id, patch));
    }

    // Names compare exactly (a changed capitalisation is a change); an absent or unknown language never clears MobieTrain's.
    private static PlannedPatch Patch(MobieTrainProfile current, MappedProfile desired, string? email, string? phone, List<GroupRef>? groups)
    {
        var first = desired.FirstName is { } f && !string.Equals(f, current.FirstName, StringComparison.Ordinal) ? f : null;
        var last = desired.LastName is { } l && !string.Equals(l, current.LastName, StringComparison.Ordinal) ? l : null;
        var language = desired.Language is { } lang && !string.Equals(lang, current.Language, StringComparison.OrdinalIgnoreCase) ? lang : null;
        (string Name, object? Value)[] fields =
            [("firstName", first), ("lastName", last), ("email", email), ("phone", phone), ("language", language), ("groups", groups)];
        return new PlannedPatch(first, last, email, phone, language, groups, fields.Where(x => x.Value is not null).Select(x => x.Name).ToList());
    }
}

/// <summary>Rules 3, 6 and 7: the group set a synced person should have.</summary>
internal static class EventGroupSets
{
    public static List<GroupRef> ForInvitation(PlanningIndex index, long[] events)
    {
        var groups = new List<GroupRef>();
        AddOwnAndBase(index, events, groups, []);
        return groups;
    }

    /// <summary>Rule 6's set, null when it does not change. Group ids MobieTrain does not know are dropped (a PATCH would be refused).</summary>
    public static List<GroupRef>? Desired(PlanningIndex index, IReadOnlyList<string> currentIds, long[] events)
    {
        var desired = new List<GroupRef>(events.Length + (index.Settings.PreserveManualGroups ? currentIds.Count : 0));
        var desiredIds = new HashSet<string>(StringComparer.Ordinal);
        var anyPending = AddOwnAndBase(index, events, desired, desiredIds);

        // A marker's members are nobody's business but the operator's: kept even without PreserveManualGroups.
        foreach (var groupId in currentIds.Where(id => index.GroupsById.TryGetValue(id, out var group)
            && !GroupExternalIds.IsSyncOwned(group.ExternalId) && (index.Settings.PreserveManualGroups || TenantMarker.IsMarker(group.ExternalId))))
        {
            if (desiredIds.Add(groupId))
                desired.Add(GroupRef.Existing(groupId));
        }

        return !anyPending && desiredIds.SetEquals(currentIds) ? null : desired;
    }

    // True when one is still to be created.
    private static bool AddOwnAndBase(PlanningIndex index, long[] events, List<GroupRef> groups, HashSet<string> ids)
    {
        var anyPending = false;
        foreach (var reference in index.Groups.SourcesOf(events).Select(index.Groups.RefFor).Concat(index.Groups.BaseRefs))
        {
            anyPending |= reference.IsPending;
            if (reference.IsPending ? !groups.Contains(reference) : ids.Add(reference.GroupId!))
                groups.Add(reference);
        }

        return anyPending;
    }
}
