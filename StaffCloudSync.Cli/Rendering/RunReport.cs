namespace StaffCloudSync.Cli.Rendering;

/// <summary>One run as an operator reads it, the same in <c>sandbox run</c>, <c>sync</c> and <c>runs --run</c>; never a profile.</summary>
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

/// <summary>The human report of a scenario: each sync step as a run report with what the simulators received, then MobieTrain's final state.</summary>
internal static class ScenarioReport
{
    private static readonly string[] Ordinals = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"];

    public static void Write(IAnsiConsole console, string title, ScenarioResult result)
    {
        console.Write(new Rule(Markup.Escape(title)).LeftJustified());
        for (var i = 0; i < result.Runs.Count; i++)
        {
            var run = result.Runs[i];
            var what = run.Record.Trigger == Core.Runs.Records.RunTrigger.Webhook ? "early run (StaffCloud notified a change)" : "sync";
            console.Heading($"Run {i + 1} of {result.Runs.Count} — {what} at {CliFormat.Time(run.At)}{(run.DryRun ? ", dry run" : string.Empty)}");
            RunReport.Write(console, run.Record, run.Plan);
            var requests = run.Requests;
            var throttled = requests.Throttled > 0 ? string.Create(CultureInfo.InvariantCulture, $" · throttled {requests.Throttled}") : string.Empty;
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"Requests: StaffCloud {requests.StaffCloud} · MobieTrain reads {requests.MobieTrainReads} · MobieTrain writes {requests.MobieTrainWrites}{throttled} · duration {CliFormat.Milliseconds(run.DurationMs)}"));
        }

        if (result.Runs.Count == 0)
            console.Line("The scenario has no sync step.");

        var mobieTrain = result.MobieTrain;
        console.Heading("MobieTrain at the end");
        console.Line($"{CliFormat.Count(mobieTrain.UserGroups.Count, "group")} · {CliFormat.Count(mobieTrain.Users.Count, "user")} · "
            + $"{CliFormat.Count(mobieTrain.Invitations.Count, "invitation")} · StaffCloud writes: {result.StaffCloudWrites}");
    }

    /// <summary>One line per run for the demo's close, e.g. "Second run: nothing to do — 0 writes".</summary>
    public static IReadOnlyList<string> Summary(ScenarioResult result) =>
        result.Runs.Select((run, i) =>
        {
            var name = (i < Ordinals.Length ? Ordinals[i] + " run" : $"Run {i + 1}") + (run.DryRun ? " (dry run)" : string.Empty);
            var writes = run.Requests.MobieTrainWrites;
            var what = writes == 0 && run.Record.Counts.MinimalWrites == 0 && run.Record.Status == Core.Runs.Records.RunStatus.Succeeded
                ? "nothing to do"
                : $"{run.Record.Status}, {CliFormat.Counts(run.Record.Counts)}";
            return string.Create(CultureInfo.InvariantCulture, $"{name}: {what} — {writes} writes");
        }).ToList();
}
