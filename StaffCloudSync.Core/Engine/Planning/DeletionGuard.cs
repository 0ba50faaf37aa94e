using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The deletion guard (sync-rules.md, "Safety"), all of it: its threshold, its count, who it holds, and the held actions.</summary>
internal static class DeletionGuard
{
    public const string UnprovenCause =
        "StaffCloud's employees list left them out, with more missing than the deletion threshold, so they were not read singly: not proven deleted";

    /// <summary>The one place the threshold is decided: the reader asks it before reading missing persons singly, the planner
    /// before applying rule-1 deletions.</summary>
    public static (int Threshold, bool Exceeded) Check(int deletions, int syncedPersons, PlanSettings settings)
    {
        var threshold = Math.Max(settings.DeletionThresholdMinimum, (int)Math.Ceiling(syncedPersons * (double)settings.DeletionThresholdPercent / 100d));
        return (threshold, deletions > threshold);
    }

    public static DeletionGuardDecision Decide(PlanningIndex index)
    {
        int unapproved = 0, approved = 0, unproven = 0;
        foreach (var (employeeId, count) in index.UsersByEmployee.Select(p => (p.Key, p.Value.Count))
            .Concat(index.InvitationsByEmployee.Select(p => (p.Key, p.Value.Count))))
        {
            // The unproven are never deleted, approved or not: absence from StaffCloud's list is no proof (MissingEmployeeProbe).
            if (index.IsUnproven(employeeId))
                unproven += count;
            else if (index.IsDeactivated(employeeId) && index.Settings.ApprovedDeletions.Contains(employeeId))
                approved += count;
            else if (index.IsDeactivated(employeeId))
                unapproved += count;
        }

        // The unproven count like deletions: the reader only left them unproven when there were more than the threshold.
        var (threshold, exceeded) = Check(unapproved + unproven, index.SyncedPersons, index.Settings);
        return new DeletionGuardDecision(unapproved, approved, index.SyncedPersons, threshold, exceeded) { Unproven = unproven };
    }

    public static bool Holds(DeletionGuardDecision decision, PlanSettings settings, long employeeId) =>
        decision.Tripped && !settings.ApprovedDeletions.Contains(employeeId);

    public static IEnumerable<SyncAction> Apply(IEnumerable<SyncAction> deletions, DeletionGuardDecision decision, PlanSettings settings) =>
        deletions.Select(d => Holds(decision, settings, d.PersonId!.Value)
            ? new HoldDeletionAction(d.PersonId.Value, d is RemoveUserAction ? PersonKind.User : PersonKind.Invitation, d.MobieTrainId!, d.Why)
            : d);

    /// <summary>A synced person missing from StaffCloud's list without proof: their records are held, whatever the guard says.</summary>
    public static IEnumerable<HoldDeletionAction> HoldUnproven(long employeeId, List<MobieTrainUser> users, List<MobieTrainInvitation> invitations) =>
        users.Select(u => new HoldDeletionAction(employeeId, PersonKind.User, u.Id, UnprovenCause))
            .Concat(invitations.Select(i => new HoldDeletionAction(employeeId, PersonKind.Invitation, i.Id, UnprovenCause)));
}

/// <summary>The guard's decision: <see cref="Deletions"/> (D, no approval covers them) plus <see cref="Unproven"/> against the threshold.</summary>
public sealed record DeletionGuardDecision(int Deletions, int ApprovedDeletions, int SyncedPersons, int Threshold, bool Tripped)
{
    /// <summary>Records of persons StaffCloud's list left out without proof: held whatever the approval.</summary>
    public int Unproven { get; init; }
    public bool HoldsAny => Tripped || Unproven > 0;
    public bool UsesApproval => ApprovedDeletions > 0;
}
