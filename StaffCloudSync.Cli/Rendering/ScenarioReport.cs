namespace StaffCloudSync.Cli.Rendering;

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
