namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>
/// The deletion guard's threshold (sync-rules.md, "Safety"): max(minimum, ceil(N × percent / 100)) for N synced
/// persons (users plus invitations). The reader uses it to decide whether persons missing from StaffCloud's list are
/// read singly or held; the planner to decide whether rule-1 deletions are applied or held.
/// </summary>
public static class DeletionThreshold
{
    public static int For(int syncedPersons, PlanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Math.Max(settings.DeletionThresholdMinimum, (int)Math.Ceiling(syncedPersons * (double)settings.DeletionThresholdPercent / 100d));
    }
}
