namespace StaffCloudSync.Cli.Rendering;

/// <summary>How values read in the human output: UTC times to the second, statuses coloured by what they ask of the operator.</summary>
internal static class CliFormat
{
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    public static string Duration(DateTimeOffset started, DateTimeOffset? ended) =>
        ended is { } end ? Milliseconds((long)(end - started).TotalMilliseconds) : "—";

    public static string Milliseconds(long ms) =>
        ms < 1000 ? $"{ms} ms" : string.Create(CultureInfo.InvariantCulture, $"{ms / 1000.0:0.0} s");

    public static Style StatusStyle(RunStatus status) => status switch
    {
        RunStatus.Succeeded => new Style(Color.Green),
        RunStatus.CompletedWithErrors or RunStatus.DeletionsHeld or RunStatus.Skipped => new Style(Color.Yellow),
        RunStatus.Failed => new Style(Color.Red),
        _ => Style.Plain,
    };

    /// <summary>"n thing" or "n things".</summary>
    public static string Count(long n, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>The counts that are not zero by the run record's names (sync-rules.md, "Counting"), e.g. "invited 1 · groupsCreated 1".</summary>
    public static string Counts(SyncCounts c)
    {
        (string Name, int Value)[] all =
        [
            ("invited", c.Invited), ("invitationsUpdated", c.InvitationsUpdated), ("invitationsReplaced", c.InvitationsReplaced),
            ("usersUpdated", c.UsersUpdated), ("usersRemoved", c.UsersRemoved), ("invitationsRemoved", c.InvitationsRemoved),
            ("invitationsExpired", c.InvitationsExpired), ("groupsCreated", c.GroupsCreated), ("groupsRenamed", c.GroupsRenamed),
            ("skipped", c.Skipped), ("failed", c.Failed), ("deletionsHeld", c.DeletionsHeld),
        ];
        var parts = all.Where(p => p.Value != 0).Select(p => $"{p.Name} {p.Value}").ToList();
        return parts.Count == 0 ? "none" : string.Join(" · ", parts);
    }
}

/// <summary>Tables whose cells are plain text: ids, reasons and names are data, never Spectre markup.</summary>
internal static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));

        return table;
    }

    /// <summary>Keeps ids and times on one line (they are copied and pasted); the prose columns wrap instead.</summary>
    public static Table NoWrap(this Table table, params int[] columns)
    {
        foreach (var column in columns)
            table.Columns[column].NoWrap();

        return table;
    }

    /// <summary>One row per item, with the cells <paramref name="cells"/> makes of it; a null cell reads "—".</summary>
    public static Table Rows<T>(this Table table, IEnumerable<T> items, Func<T, string?[]> cells)
    {
        foreach (var item in items)
            table.AddRow(cells(item).Select(c => (IRenderable)new Text(c ?? "—")));

        return table;
    }

    /// <summary>A heading line: bold on a terminal, plain in a file.</summary>
    public static void Heading(this IAnsiConsole console, string text)
    {
        console.WriteLine();
        console.Write(new Text(text + "\n", new Style(decoration: Decoration.Bold)));
    }

    public static void Line(this IAnsiConsole console, string text, Style? style = null) =>
        console.Write(new Text(text + "\n", style ?? Style.Plain));
}

/// <summary>An approval of held deletions in one line: who approved, when, whom it covers and until when.</summary>
internal static class ApprovalText
{
    private const int MaxIdsShown = 20;

    public static string Describe(DeletionApproval approval, DateTimeOffset now)
    {
        var state = approval.IsInForceAt(now) ? "until" : "lapsed at";
        return $"granted {CliFormat.Time(approval.GrantedAt)} by {approval.GrantedBy ?? "—"}; covers {CliFormat.Count(approval.Employees.Count, "person")} "
            + $"held by run {approval.ApprovedRunId} (employees {Ids(approval.Employees)}); {state} {CliFormat.Time(approval.ExpiresAt)} (approval {approval.Id})";
    }

    public static string Describe(RunApproval approval) =>
        $"approval {approval.Id} granted {CliFormat.Time(approval.GrantedAt)} by {approval.GrantedBy ?? "—"}, until {CliFormat.Time(approval.ExpiresAt)}; "
            + $"covered {CliFormat.Count(approval.Covers.Count, "person")} held by run {approval.ApprovedRunId} (employees {Ids(approval.Covers)}); "
            + $"this run deleted {CliFormat.Count(approval.Deleted.Count, "of them", "of them")}{(approval.Deleted.Count > 0 ? $" ({Ids(approval.Deleted)})" : string.Empty)}";

    /// <summary>Short enough for a table cell: by whom, how many, until when.</summary>
    public static string Brief(DeletionApproval? approval, DateTimeOffset now) => approval switch
    {
        null => "no",
        _ when !approval.IsInForceAt(now) => $"lapsed {CliFormat.Time(approval.ExpiresAt)}",
        _ => $"{CliFormat.Count(approval.Employees.Count, "person")} by {approval.GrantedBy ?? "—"} until {CliFormat.Time(approval.ExpiresAt)}",
    };

    public static string Brief(RunApproval? approval) =>
        approval is null ? "—" : $"{approval.Deleted.Count}/{approval.Covers.Count} by {approval.GrantedBy ?? "—"}";

    private static string Ids(IEnumerable<long> ids)
    {
        var sorted = ids.Order().ToList();
        var shown = string.Join(", ", sorted.Take(MaxIdsShown).Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return sorted.Count > MaxIdsShown ? $"{shown} … and {sorted.Count - MaxIdsShown} more" : shown;
    }
}
