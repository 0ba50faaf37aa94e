namespace StaffCloudSync.Cli.Rendering;

/// <summary>An approval of held deletions in one line, wherever the CLI shows it (tenants show/list, runs): who approved, when,
/// whom it covers (the run that held them and the employee ids) and until when.</summary>
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
