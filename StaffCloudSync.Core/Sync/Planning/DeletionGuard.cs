using StaffCloudSync.Core.MobieTrain;

namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The deletion guard's count (sync-rules.md, "Safety"). Deletions of persons an approval in force names are not counted
/// in D and go through; every other rule-1 deletion counts, so an approval can never carry people nobody approved.
/// </summary>
internal static class DeletionGuard
{
    public static DeletionGuardDecision Decide(
        Dictionary<long, List<MobieTrainUser>> users,
        Dictionary<long, List<MobieTrainInvitation>> invitations,
        Func<long, bool> isDeactivated,
        int syncedPersons,
        PlanSettings settings)
    {
        var unapproved = 0;
        var approved = 0;
        foreach (var (employeeId, count) in users.Select(p => (p.Key, p.Value.Count)).Concat(invitations.Select(p => (p.Key, p.Value.Count))))
        {
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

        var threshold = Math.Max(settings.DeletionThresholdMinimum, (int)Math.Ceiling(syncedPersons * (double)settings.DeletionThresholdPercent / 100d));
        return new DeletionGuardDecision(unapproved, approved, syncedPersons, threshold, unapproved > threshold);
    }
}
