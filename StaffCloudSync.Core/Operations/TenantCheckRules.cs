using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Operations;

/// <summary>The checks of <see cref="TenantCheck"/> that judge what was read (4, 5, 6, 8, 9, 10): counts and values only, never a person.</summary>
public static class TenantCheckRules
{
    private const int MaxLanguageValues = 10;
    private const int MaxValueLength = 40;
    private const string ProbeCallingCode = "+41"; // tried when the tenant has none: any code gives the same valid-or-not answer
    private const int ManyGroups = 50; // more in one run is worth a look at GroupBy and the template first
    private const int ManySuffixedNames = 10; // more names needing " [<id>]" says the template tells the groups apart badly
    private const string DefaultGroupName = "Default Group"; // MobieTrain's built-in group that reaches everyone (mobietrain-api.md)
    private static readonly TimeSpan ConfirmationWindow = TimeSpan.FromDays(90);
    private static readonly Regex IdSuffix = new(@" \[\d+\]$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Check 4: whether staff confirm at all in this tenant ("depending on your employer's configuration", staffcloud-api.md),
    /// on active events of the last and next 90 days.</summary>
    public static async Task<TenantCheckLine> ConfirmationsAsync(
        IStaffCloudClient staffCloud, StaffCloudTarget target, TenantTimeZone zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = zone.ToWallClock(now - ConfirmationWindow);
        var to = zone.ToWallClock(now + ConfirmationWindow);
        var window = $"between {Day(from)} and {Day(to)}";
        var events = await staffCloud.GetActiveEventsAsync(target, from, cancellationToken)
            .Where(e => InWindow(e, from, to)).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return TenantCheckLine.Warn(TenantCheckNames.Confirmations,
                $"no active event {window}: nothing to invite anyone to yet; check the StaffCloud tenant ({target.ApiTenant}) is the right one");
        }

        var ids = events.Select(e => e.Id).Where(id => id > 0).Distinct().ToList();
        var confirmed = await staffCloud.GetConfirmedAssignmentsAsync(target, ids, cancellationToken)
            .Where(a => a.Status == StaffCloudStatus.AssignmentConfirmed).ToListAsync(cancellationToken);
        if (confirmed.Count == 0)
        {
            return TenantCheckLine.Warn(TenantCheckNames.Confirmations,
                $"no confirmed assignment (status 7) on the {events.Count} active events {window}: staff may not be able to confirm in this tenant "
                + "(a StaffCloud setting); the sync invites only people confirmed on a current or future event");
        }

        var people = confirmed.Select(a => a.EmployeeId).Distinct().Count();
        var staffed = confirmed.Select(a => a.EventId).Distinct().Count();
        return TenantCheckLine.Pass(TenantCheckNames.Confirmations,
            $"{confirmed.Count} confirmed assignments ({people} people) on {staffed} of the {events.Count} active events {window}");
    }

    public static TenantCheckLine Languages(IReadOnlyList<StaffCloudEmployee> employees, TenantSettings settings)
    {
        var unknown = employees
            .Where(e => !string.IsNullOrWhiteSpace(e.CommunicationLanguage) && LanguageCode.Resolve(e.CommunicationLanguage) is null)
            .GroupBy(e => e.CommunicationLanguage!.Trim(), StringComparer.Ordinal).Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
        var absent = employees.Count(e => string.IsNullOrWhiteSpace(e.CommunicationLanguage));
        var none = absent == 0 ? string.Empty : $"; {absent} have none and get DefaultLanguage '{settings.DefaultLanguage}'";
        if (unknown.Count == 0)
        {
            return TenantCheckLine.Pass(TenantCheckNames.Languages,
                $"every communication_language of the {employees.Count} employees in scope maps to a language{none}");
        }

        var named = string.Join(", ", unknown.Take(MaxLanguageValues).Select(v => $"'{Cut(v.Value)}' ×{v.Count}"));
        var more = unknown.Count > MaxLanguageValues ? $" and {unknown.Count - MaxLanguageValues} more values" : string.Empty;
        return TenantCheckLine.Warn(TenantCheckNames.Languages,
            $"{unknown.Sum(v => v.Count)} of {employees.Count} employees in scope have a communication_language that maps to no language: "
            + $"{named}{more}; they are invited in DefaultLanguage '{settings.DefaultLanguage}' and a user's language is left as it is. "
            + $"Use ISO codes or language names in StaffCloud (a number is the id of a dropdown value){none}");
    }

    public static TenantCheckLine Phones(IReadOnlyList<StaffCloudEmployee> employees, TenantSettings settings)
    {
        var withNumbers = employees.Where(e => !string.IsNullOrWhiteSpace(e.Mobile) || !string.IsNullOrWhiteSpace(e.Phone)).ToList();
        var code = settings.DefaultCallingCode ?? ProbeCallingCode;
        var national = withNumbers.Count(e =>
            PhoneNumber.FirstValid(e.Mobile, e.Phone, null) is null && PhoneNumber.FirstValid(e.Mobile, e.Phone, code) is not null);
        var invalid = withNumbers.Count(e => PhoneNumber.FirstValid(e.Mobile, e.Phone, code) is null);
        if (settings.DefaultCallingCode is not null)
        {
            var made = $"{national} of the {withNumbers.Count} employees in scope with a number have a national number that DefaultCallingCode {code} makes international";
            return invalid == 0
                ? TenantCheckLine.Pass(TenantCheckNames.Phones, made)
                : TenantCheckLine.Warn(TenantCheckNames.Phones,
                    $"{made}; {invalid} have no number valid even with {code}: they get no phone in MobieTrain (an e-mail still reaches them; "
                    + "without one they are skipped NoContact). Correct the numbers in StaffCloud");
        }

        var other = invalid == 0 ? string.Empty : $"; {invalid} have no number valid even with a calling code";
        return national == 0
            ? TenantCheckLine.Pass(TenantCheckNames.Phones,
                $"no employee in scope depends on a national number ({withNumbers.Count} have a number){other}")
            : TenantCheckLine.Warn(TenantCheckNames.Phones,
                $"{national} of the {withNumbers.Count} employees in scope with a number have only national numbers (a leading 0), invalid without a calling code, "
                + $"so they get no phone in MobieTrain: set the country's code with staffcloud-sync tenants update {settings.TenantId} --default-calling-code +41 "
                + $"(your country's){other}");
    }

    public static TenantCheckLine BaseGroups(TenantSettings settings, IReadOnlyList<MobieTrainUserGroup> groups)
    {
        var names = settings.BaseGroupNames;
        if (names.Count == 0)
        {
            var defaultGroup = groups.Any(g => string.Equals(g.Name, DefaultGroupName, StringComparison.OrdinalIgnoreCase));
            return defaultGroup && !settings.PreserveManualGroups
                ? TenantCheckLine.Warn(TenantCheckNames.BaseGroups,
                    $"no base groups are set, and the account has '{DefaultGroupName}': the sync removes groups that are not its own, so if the account's "
                    + $"general content is linked to it, set it with staffcloud-sync tenants update {settings.TenantId} --base-groups \"{DefaultGroupName}\"")
                : TenantCheckLine.Pass(TenantCheckNames.BaseGroups, "no base groups are set (BaseGroups)");
        }

        var existing = names.Where(n => groups.Any(g => string.Equals(g.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        var missing = names.Except(existing, StringComparer.Ordinal).ToList();
        var exist = existing.Count == 0 ? string.Empty : $"exist in MobieTrain: {Quoted(existing)}";
        if (missing.Count == 0)
            return TenantCheckLine.Pass(TenantCheckNames.BaseGroups, exist);

        var separator = exist.Length == 0 ? string.Empty : "; ";
        return TenantCheckLine.Warn(TenantCheckNames.BaseGroups,
            $"{exist}{separator}do not exist yet: {Quoted(missing)} — the first run that needs them creates them (name only); "
            + "if an existing group was meant, correct the spelling with --base-groups");
    }

    public static TenantCheckLine PlannedGroups(TenantSettings settings, SyncPlan plan)
    {
        var created = plan.Actions.OfType<CreateGroupAction>().Where(c => c.Source.Kind != GroupSourceKind.Base).Select(c => c.Name).ToList();
        var renamed = plan.Actions.OfType<RenameGroupAction>().Select(r => r.NewName).ToList();
        var suffixed = created.Concat(renamed).Count(n => IdSuffix.IsMatch(n));
        var detail = $"the next run creates {created.Count} groups and renames {renamed.Count} (GroupBy {GroupModeText.Format(settings.GroupBy)}, "
            + $"template '{settings.EffectiveGroupNameTemplate}'); {suffixed} of their names need ' [<id>]' to be unique";
        if (created.Count + renamed.Count <= ManyGroups && suffixed <= ManySuffixedNames)
            return TenantCheckLine.Pass(TenantCheckNames.Groups, detail);

        var advice = settings.GroupBy == GroupMode.Event
            ? $"consider --group-by project, or a template naming the project ({{project}} {{start:yyyy-MM-dd}})"
            : "consider a template that tells the projects apart";
        return TenantCheckLine.Warn(TenantCheckNames.Groups, $"{detail}: many groups, or many alike; {advice} before the first run");
    }

    public static TenantCheckLine ExternalIds(IReadOnlyList<MobieTrainUser> users, IReadOnlyList<MobieTrainInvitation> invitations)
    {
        var foreignUsers = users.Count(u => LooksLikeAnotherIntegrations(u.ExternalId));
        var foreignInvitations = invitations.Count(i => LooksLikeAnotherIntegrations(i.ExternalId));
        var read = $"{users.Count} users and {invitations.Count} invitations read";
        return foreignUsers + foreignInvitations == 0
            ? TenantCheckLine.Pass(TenantCheckNames.ExternalIds, $"no externalId looks like another integration's ({read})")
            : TenantCheckLine.Warn(TenantCheckNames.ExternalIds,
                $"{foreignUsers} users and {foreignInvitations} invitations carry an externalId of digits that is not a StaffCloud id as the sync writes it "
                + $"(a leading zero, a sign, a space or a decimal point: another integration's personnel number) — protected, never touched ({read})");
    }

    /// <summary>Digits, perhaps with a sign, spaces or a decimal point, not in an id's canonical form: an SFTP import's personnel numbers.</summary>
    public static bool LooksLikeAnotherIntegrations(string? externalId) =>
        !string.IsNullOrEmpty(externalId) && externalId.Any(char.IsAsciiDigit)
        && externalId.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is '+' or '-' or '.' or ',')
        && ExternalId.TryParseEmployeeId(externalId) is null;

    // StaffCloud's filters are re-checked: unknown ones are ignored.
    private static bool InWindow(StaffCloudEvent e, DateTime from, DateTime to) =>
        e.Status == StaffCloudStatus.EventActive && (e.Start ?? e.End) is { } start && (e.End ?? e.Start) is { } end && end > from && start < to;

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Cut(string value) =>
        value.Length <= MaxValueLength ? value : value[..MaxValueLength].ToString(CultureInfo.InvariantCulture) + "…";
}
