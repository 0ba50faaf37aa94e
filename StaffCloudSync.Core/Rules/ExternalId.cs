namespace StaffCloudSync.Core.Rules;

/// <summary>
/// MobieTrain <c>externalId</c>s: a synced person's is a StaffCloud employee id in decimal digits; anything
/// else (none, letters, signs) makes the record protected. Event groups carry <c>staffcloud-event-&lt;id&gt;</c>.
/// </summary>
public static class ExternalId
{
    public const string EventGroupPrefix = "staffcloud-event-";

    // 18 digits always fit a long; a longer digit string cannot be a StaffCloud id we could ask about, so such a
    // record is treated as protected rather than as hard-deleted (see docs/decisions.md).
    private const int MaxDigits = 18;

    /// <summary>The employee id when <paramref name="externalId"/> is decimal digits; null for a protected record.</summary>
    public static long? TryParseEmployeeId(string? externalId)
    {
        if (string.IsNullOrEmpty(externalId) || externalId.Length > MaxDigits)
        {
            return null;
        }

        foreach (var c in externalId)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        // StaffCloud ids start at 1: "0" (or "000") cannot be asked about, so it is protected like any other non-id.
        var id = long.Parse(externalId, System.Globalization.CultureInfo.InvariantCulture);
        return id > 0 ? id : null;
    }

    public static string ForEmployee(long employeeId) => employeeId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ForEventGroup(long eventId) =>
        EventGroupPrefix + eventId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True for the externalId of any event group, whatever its event.</summary>
    public static bool IsEventGroup(string? externalId) =>
        externalId is not null && externalId.StartsWith(EventGroupPrefix, StringComparison.Ordinal);
}
