namespace StaffCloudSync.Core.Partners.MobieTrain;

/// <summary>A synced person's <c>externalId</c>: an employee id in canonical decimal (sync-rules.md, "synced person").</summary>
public static class ExternalId
{
    // 18 digits always fit a long; a longer one cannot be asked about, so it is protected, not hard-deleted (docs/decisions.md).
    private const int MaxDigits = 18;

    /// <summary>Null unless exactly what <see cref="ForEmployee"/> writes: <c>0012</c> or <c>+12</c> are another integration's.</summary>
    public static long? TryParseEmployeeId(string? externalId) =>
        externalId is { Length: > 0 } && externalId[0] != '0' ? TryParseDigits(externalId) : null;

    /// <summary>1–18 ASCII digits, leading zeros allowed (<c>007</c> → 7): for a sync-owned group's id, not for persons.</summary>
    public static long? TryParseDigits(string? digits)
    {
        if (string.IsNullOrEmpty(digits) || digits.Length > MaxDigits || !digits.All(char.IsAsciiDigit))
            return null;

        // StaffCloud ids start at 1: "0" (or "000") cannot be asked about, so it is protected like any other non-id.
        var id = long.Parse(digits, CultureInfo.InvariantCulture);
        return id > 0 ? id : null;
    }

    // So that explain can say why the sync leaves a protected record that reads as the employee to a person (0012, +12, 12.0) alone.
    public static bool LooksLike(string? externalId, long employeeId) =>
        TryParseEmployeeId(externalId) is null
        && decimal.TryParse(externalId, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign
            | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
        && number == employeeId;

    public static string ForEmployee(long employeeId) => employeeId.ToString(CultureInfo.InvariantCulture);
}
