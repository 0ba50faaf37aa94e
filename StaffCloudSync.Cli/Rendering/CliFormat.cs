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
