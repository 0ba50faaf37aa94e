using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Operations;

/// <summary>
/// Checks 5, 6 and 10 over what the dry plan read: the employees in scope (those of current-or-future confirmed
/// assignments and the synced persons) and MobieTrain's users and invitations. Counts and values only, never a person.
/// </summary>
public static class PeopleChecks
{
    /// <summary>At most this many distinct unknown language values are named; the rest are counted.</summary>
    public const int MaxLanguageValues = 10;

    private const int MaxValueLength = 40;

    public static TenantCheckLine Languages(IReadOnlyList<StaffCloudEmployee> employees, TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(employees);
        ArgumentNullException.ThrowIfNull(settings);
        var unknown = employees
            .Where(e => !string.IsNullOrWhiteSpace(e.CommunicationLanguage) && LanguageCode.Resolve(e.CommunicationLanguage) is null)
            .GroupBy(e => e.CommunicationLanguage!.Trim(), StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)
            .ToList();
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

    /// <summary>The calling code the check tries when the tenant has none: any code gives the same valid-or-not answer.</summary>
    public const string ProbeCallingCode = "+41";

    public static TenantCheckLine Phones(IReadOnlyList<StaffCloudEmployee> employees, TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(employees);
        ArgumentNullException.ThrowIfNull(settings);
        var withNumbers = employees.Where(e => !string.IsNullOrWhiteSpace(e.Mobile) || !string.IsNullOrWhiteSpace(e.Phone)).ToList();
        if (settings.DefaultCallingCode is { } code)
        {
            var converted = withNumbers.Count(e => PhoneNumber.FirstValid(e.Mobile, e.Phone, null) is null && PhoneNumber.FirstValid(e.Mobile, e.Phone, code) is not null);
            var stillInvalid = withNumbers.Count(e => PhoneNumber.FirstValid(e.Mobile, e.Phone, code) is null);
            var made = $"{converted} of the {withNumbers.Count} employees in scope with a number have a national number that DefaultCallingCode {code} makes international";
            return stillInvalid == 0
                ? TenantCheckLine.Pass(TenantCheckNames.Phones, made)
                : TenantCheckLine.Warn(TenantCheckNames.Phones,
                    $"{made}; {stillInvalid} have no number valid even with {code}: they get no phone in MobieTrain (an e-mail still reaches them; "
                    + "without one they are skipped NoContact). Correct the numbers in StaffCloud");
        }

        var national = withNumbers.Count(e => PhoneNumber.FirstValid(e.Mobile, e.Phone, null) is null
            && PhoneNumber.FirstValid(e.Mobile, e.Phone, ProbeCallingCode) is not null);
        var invalid = withNumbers.Count(e => PhoneNumber.FirstValid(e.Mobile, e.Phone, ProbeCallingCode) is null);
        var other = invalid == 0 ? string.Empty : $"; {invalid} have no number valid even with a calling code";
        return national == 0
            ? TenantCheckLine.Pass(TenantCheckNames.Phones,
                $"no employee in scope depends on a national number ({withNumbers.Count} have a number){other}")
            : TenantCheckLine.Warn(TenantCheckNames.Phones,
                $"{national} of the {withNumbers.Count} employees in scope with a number have only national numbers (a leading 0), invalid without a calling code, "
                + $"so they get no phone in MobieTrain: set the country's code with staffcloud-sync tenants update {settings.TenantId} --default-calling-code +41 "
                + $"(your country's){other}");
    }

    public static TenantCheckLine ExternalIds(IReadOnlyList<MobieTrainUser> users, IReadOnlyList<MobieTrainInvitation> invitations)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(invitations);
        var foreignUsers = users.Count(u => LooksLikeAnotherIntegrations(u.ExternalId));
        var foreignInvitations = invitations.Count(i => LooksLikeAnotherIntegrations(i.ExternalId));
        var read = $"{users.Count} users and {invitations.Count} invitations read";
        return foreignUsers + foreignInvitations == 0
            ? TenantCheckLine.Pass(TenantCheckNames.ExternalIds, $"no externalId looks like another integration's ({read})")
            : TenantCheckLine.Warn(TenantCheckNames.ExternalIds,
                $"{foreignUsers} users and {foreignInvitations} invitations carry an externalId of digits that is not a StaffCloud id as the sync writes it "
                + $"(a leading zero, a sign, a space or a decimal point: another integration's personnel number) — protected, never touched ({read})");
    }

    /// <summary>
    /// Digits, perhaps with a sign, spaces or a decimal point, that are not the canonical form of a positive id (digits only,
    /// no leading zero, at most 18): what an SFTP import's personnel numbers look like.
    /// </summary>
    public static bool LooksLikeAnotherIntegrations(string? externalId)
    {
        if (string.IsNullOrEmpty(externalId) || !externalId.Any(char.IsAsciiDigit)
            || !externalId.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is '+' or '-' or '.' or ','))
        {
            return false;
        }

        return ExternalId.TryParseEmployeeId(externalId) is null;
    }

    private static string Cut(string value) =>
        value.Length <= MaxValueLength ? value : value[..MaxValueLength].ToString(CultureInfo.InvariantCulture) + "…";
}
