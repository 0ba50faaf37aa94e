using StaffCloudSync.Core.Engine.Explain;

namespace StaffCloudSync.Cli.Rendering;

/// <summary>One run as an operator reads it, the same in <c>sandbox run</c>, <c>sync</c> and <c>runs --run</c>: status, reason,
/// counts, every action with its rule and why, then skipped records, held deletions and failures. Never a profile.</summary>
internal static class RunReport
{
    public static void Write(IAnsiConsole console, RunRecord record, SyncPlan? plan)
    {
        console.Write(new Text("Status: "));
        console.Write(new Text(record.Status.ToString(), CliFormat.StatusStyle(record.Status)));
        console.Line(record.DryRun ? " (dry run: nothing was written)" : string.Empty);
        if (record.Reason is { } reason)
            console.Line($"Reason: {reason}");

        console.Line($"Counts: {CliFormat.Counts(record.Counts)}");
        if (record.Approval is { } approval)
            console.Line($"Deletion approval: {ApprovalText.Describe(approval)}");

        if (plan is not null)
            WriteActions(console, record, plan);

        // The plan says why in words (which field, which address rule); the stored record keeps only the reason.
        var details = plan?.Skips.GroupBy(s => s.EmployeeId).ToDictionary(g => g.Key, g => g.First().Detail) ?? [];
        Section(console, $"Skipped: {record.Skipped.Count}", record.Skipped, Tables.Create("Employee", "Reason", "Detail"), skip =>
            [skip.EmployeeId.ToString(CultureInfo.InvariantCulture), skip.Reason.ToString(), details.GetValueOrDefault(skip.EmployeeId)]);

        var causes = plan?.HeldDeletions.GroupBy(h => h.RecordId).ToDictionary(g => g.Key, g => g.First().Cause) ?? [];
        var heading = $"Held deletions: {record.HeldDeletions.Count} (check StaffCloud, then: staffcloud-sync tenants allow-deletions {record.TenantId})";
        Section(console, heading, record.HeldDeletions, Tables.Create("Employee", "Kind", "MobieTrain id", "Cause").NoWrap(2), held =>
            [held.EmployeeId.ToString(CultureInfo.InvariantCulture), held.Kind.ToString(), held.MobieTrainId, causes.GetValueOrDefault(held.MobieTrainId)]);

        Section(console, $"Failures: {record.Failures.Count}", record.Failures, Tables.Create("Employee", "Action", "MobieTrain id", "Error"),
            failure => [failure.EmployeeId?.ToString(CultureInfo.InvariantCulture), failure.Action, failure.MobieTrainId, failure.Error]);
    }

    private static void WriteActions(IAnsiConsole console, RunRecord record, SyncPlan plan)
    {
        // The plan's writes: its skips and held deletions have their own lists.
        var writes = plan.Actions.Where(a => a is not SkipAction and not HoldDeletionAction).ToList();
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

        Section(console, $"{title}: {writes.Count}", writes, Tables.Create("Kind", "Employee", "MobieTrain id", "Rule", "Why").NoWrap(0, 2, 3),
            action => [action.Kind, action.PersonId?.ToString(CultureInfo.InvariantCulture),
                action.MobieTrainId ?? (action is InviteAction or CreateGroupAction ? "(new)" : "—"),
                EmployeeExplainer.RuleName(action.Rule), action.Why]);
    }

    /// <summary>A heading and a table with a row per item; nothing at all when there are no items.</summary>
    private static void Section<T>(IAnsiConsole console, string heading, IReadOnlyCollection<T> items, Table table, Func<T, string?[]> cells)
    {
        if (items.Count == 0)
            return;

        console.Line(heading);
        console.Write(table.Rows(items, cells));
    }
}
