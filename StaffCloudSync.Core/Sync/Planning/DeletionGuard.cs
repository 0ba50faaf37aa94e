using StaffCloudSync.Core.MobieTrain;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The deletion guard's count (sync-rules.md, "Safety"). Deletions of persons an approval in force names are not counted
/// in D and go through; every other rule-1 deletion counts, so an approval can never carry people nobody approved. The
/// records of persons left out by StaffCloud's list without proof count too, and are always held.
/// </summary>
internal static class DeletionGuard
{
    public static DeletionGuardDecision Decide(
        Dictionary<long, List<MobieTrainUser>> users,
        Dictionary<long, List<MobieTrainInvitation>> invitations,
        Func<long, bool> isDeactivated,
        Func<long, bool> isUnproven,
        int syncedPersons,
        PlanSettings settings)
    {
        int unapproved = 0, approved = 0, unproven = 0;
        foreach (var (employeeId, count) in users.Select(p => (p.Key, p.Value.Count)).Concat(invitations.Select(p => (p.Key, p.Value.Count))))
        {
            if (isUnproven(employeeId))
            {
                // Never deleted, approved or not: absence from StaffCloud's list is no proof (MissingEmployeeProbe).
                unproven += count;
                continue;
            }

            if (!isDeactivated(employeeId))
            {
                continue;
            }

            if (settings.ApprovedDeletions.Contains(employeeId))
            {
                approved += count;
            }
            else
            {
                unapproved += count;
            }
        }

        var threshold = DeletionThreshold.For(syncedPersons, settings);
        return new DeletionGuardDecision(unapproved, approved, syncedPersons, threshold, unapproved + unproven > threshold) { Unproven = unproven };
    }
}
