using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Core.Runs.Records;

/// <summary>One person write a run attempted, with the rule of sync-rules.md that called for it. Never a profile value.</summary>
public sealed record PersonWrite(long EmployeeId, string Action, string Rule, string? MobieTrainId, bool Done);

/// <summary>The person writes of a run, capped so that their blob stays bounded whatever the roster.</summary>
public sealed record RunWrites(IReadOnlyList<PersonWrite> Items, int Omitted)
{
    // Well above a 20,000-person run's writes (about one per person); about 8 MB of JSON at most.
    public const int MaxItems = 50_000;
    public static RunWrites Empty { get; } = new([], 0);

    public static RunWrites Of(IEnumerable<PersonWrite> writes)
    {
        var all = writes.ToList();
        return all.Count <= MaxItems ? new RunWrites(all, 0) : new RunWrites(all.Take(MaxItems).ToList(), all.Count - MaxItems);
    }
}

public sealed record RunResultRow(long EmployeeId, string? MobieTrainId, string Action, string? Rule, string? Reason, string Outcome);

/// <summary>A run's results file (<c>runs show --csv</c>, <c>GET …/results</c>): a line per person and action, no contact data.</summary>
public sealed class RunResults(RunStore runs)
{
    public static readonly IReadOnlyList<string> Columns = ["employeeId", "mobieTrainId", "action", "rule", "reason", "outcome"];

    public async Task<RunResultsFile?> GetAsync(string tenantId, string runId, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(tenantId, runId, cancellationToken) is not { } run)
            return null;

        var writes = await runs.GetWritesAsync(tenantId, runId, cancellationToken);
        return new RunResultsFile(ToCsv(Rows(run with { Writes = writes })), writes.Omitted);
    }

    public static IReadOnlyList<RunResultRow> Rows(RunRecord run)
    {
        var rows = new List<RunResultRow>();
        rows.AddRange(run.Writes.Items.Where(w => w.Done).Select(w => new RunResultRow(w.EmployeeId, w.MobieTrainId, w.Action, w.Rule, null, "done")));

        // A failure's rule is the failed write's; records written before writes were kept have none.
        var failedRules = run.Writes.Items.Where(w => !w.Done).ToLookup(w => (w.EmployeeId, w.Action, w.MobieTrainId), w => w.Rule);
        rows.AddRange(run.Failures.Where(f => f.EmployeeId is not null).Select(f =>
        {
            var key = (f.EmployeeId!.Value, f.Action, f.MobieTrainId);
            return new RunResultRow(key.Value, f.MobieTrainId, f.Action, failedRules[key].FirstOrDefault(), f.Error, "failed");
        }));

        // A person skipped for two reasons is still one skip.
        rows.AddRange(run.Skipped.GroupBy(s => s.EmployeeId).Select(g =>
            new RunResultRow(g.Key, null, "skip", null, string.Join("; ", g.Select(s => s.Reason.ToString()).Distinct()), "skipped")));
        rows.AddRange(run.HeldDeletions.Select(h => new RunResultRow(h.EmployeeId, h.MobieTrainId,
            h.Kind == PersonKind.User ? "removeUser" : "removeInvitation", "DeactivatedRemoved", "held by the deletion guard", "held")));

        return rows.Distinct().OrderBy(r => r.EmployeeId).ThenBy(r => r.Action, StringComparer.Ordinal)
            .ThenBy(r => r.MobieTrainId, StringComparer.Ordinal).ToList();
    }

    public static string ToCsv(IEnumerable<RunResultRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, Columns);
        foreach (var row in rows)
            Line(csv, [row.EmployeeId.ToString(CultureInfo.InvariantCulture), row.MobieTrainId, row.Action, row.Rule, row.Reason, row.Outcome]);

        return csv.ToString();
    }

    // RFC 4180 needs only this much (docs/decisions.md, "hand-written CSV writer").
    private static void Line(StringBuilder csv, IEnumerable<string?> fields) => csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    // Opened in a spreadsheet: a field that starts like a formula is prefixed with an apostrophe, so it is never evaluated.
    private static string Field(string? value)
    {
        if (value is null)
            return string.Empty;
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

public sealed record RunResultsFile(string Csv, int OmittedWrites);
