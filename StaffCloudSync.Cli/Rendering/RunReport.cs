using StaffCloudSync.Core.Engine.Explain;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Cli.Rendering;

/// <summary>
/// One run as an operator reads it: status and reason, the counts that are not zero, every action with its rule and
/// why, then skipped records, held deletions and failures. Shared by <c>sandbox run</c>, <c>sync</c> and <c>runs --run</c>,
/// so a run reads the same wherever it is looked at. Ids and reasons only, never a profile.
/// </summary>
internal static class RunReport
{
    public static void Write(IAnsiConsole console, RunRecord record, SyncPlan? plan)
    {
        console.Write(new Text("Status: "));
        console.Write(new Text(record.Status.ToString(), CliFormat.StatusStyle(record.Status)));
        console.Line(record.DryRun ? " (dry run: nothing was written)" : string.Empty);
        if (record.Reason is { } reason)
        {
            console.Line($"Reason: {reason}");
        }

        console.Line($"Counts: {CountsText.NonZero(record.Counts)}");
        if (record.Approval is { } approval)
        {
            console.Line($"Deletion approval: {ApprovalText.Describe(approval)}");
        }

        if (plan is not null)
        {
            WriteActions(console, record, plan);
        }

        WriteSkipped(console, record, plan);
        WriteHeldDeletions(console, record, plan);
        WriteFailures(console, record);
    }

    /// <summary>The plan's writes (not its skips and held deletions, which have their own lists).</summary>
    public static IEnumerable<SyncAction> Writes(SyncPlan plan) =>
        plan.Actions.Where(a => a is not SkipAction and not HoldDeletionAction);

    private static void WriteActions(IAnsiConsole console, RunRecord record, SyncPlan plan)
    {
        var writes = Writes(plan).ToList();
        var title = record switch
        {
            { DryRun: true } => "Planned actions (dry run)",
            { Status: RunStatus.Failed } => "Planned actions (the run stopped before finishing them; the next run does the rest)",
            _ => "Actions",
        };
        if (writes.Count == 0)
        {
            console.Line($"{title}: none");
            return;
        }

        var table = Tables.Create("Kind", "Employee", "MobieTrain id", "Rule", "Why").NoWrap(0, 2, 3)
            .Rows(writes, action => [action.Kind, action.PersonId?.ToString(CultureInfo.InvariantCulture), action.MobieTrainId ?? NewRecord(action),
                EmployeeExplainer.RuleName(action.Rule), action.Why]);

        console.Line($"{title}: {writes.Count}");
        console.Write(table);
    }

    private static string NewRecord(SyncAction action) => action switch
    {
        InviteAction or CreateGroupAction => "(new)",
        _ => "—",
    };

    private static void WriteSkipped(IAnsiConsole console, RunRecord record, SyncPlan? plan)
    {
        if (record.Skipped.Count == 0)
        {
            return;
        }

        // The plan says why in words (which field, which address rule); the stored record keeps only the reason.
        var details = plan?.Skips.GroupBy(s => s.EmployeeId).ToDictionary(g => g.Key, g => g.First().Detail) ?? [];
        var table = Tables.Create("Employee", "Reason", "Detail")
            .Rows(record.Skipped, skip => [skip.EmployeeId.ToString(CultureInfo.InvariantCulture), skip.Reason.ToString(),
                details.GetValueOrDefault(skip.EmployeeId)]);

        console.Line($"Skipped: {record.Skipped.Count}");
        console.Write(table);
    }

    private static void WriteHeldDeletions(IAnsiConsole console, RunRecord record, SyncPlan? plan)
    {
        if (record.HeldDeletions.Count == 0)
        {
            return;
        }

        var causes = plan?.HeldDeletions.GroupBy(h => h.RecordId).ToDictionary(g => g.Key, g => g.First().Cause) ?? [];
        var table = Tables.Create("Employee", "Kind", "MobieTrain id", "Cause").NoWrap(2)
            .Rows(record.HeldDeletions, held => [held.EmployeeId.ToString(CultureInfo.InvariantCulture), held.Kind.ToString(), held.MobieTrainId,
                causes.GetValueOrDefault(held.MobieTrainId)]);

        console.Line($"Held deletions: {record.HeldDeletions.Count} (check StaffCloud, then: staffcloud-sync tenants allow-deletions {record.TenantId})");
        console.Write(table);
    }

    private static void WriteFailures(IAnsiConsole console, RunRecord record)
    {
        if (record.Failures.Count == 0)
        {
            return;
        }

        var table = Tables.Create("Employee", "Action", "MobieTrain id", "Error")
            .Rows(record.Failures, failure => [failure.EmployeeId?.ToString(CultureInfo.InvariantCulture), failure.Action, failure.MobieTrainId, failure.Error]);

        console.Line($"Failures: {record.Failures.Count}");
        console.Write(table);
    }
}
