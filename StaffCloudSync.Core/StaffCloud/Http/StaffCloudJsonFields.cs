using System.Globalization;
using System.Text.Json;
using StaffCloudSync.Core.Http;

namespace StaffCloudSync.Core.StaffCloud.Http;

/// <summary>
/// Lenient reads of one field of a StaffCloud record. StaffCloud's field types were only observed, not documented:
/// ids and statuses come as numbers or numeric strings, text fields may come as numbers, datetimes as
/// <c>yyyy-MM-dd HH:mm:ss</c> (sometimes ISO with a <c>T</c>, or a date alone). What cannot be read is null —
/// except a record's id, which the caller must insist on.
/// </summary>
internal static class StaffCloudJsonFields
{
    // Tenant wall-clock times without offset; the date alone means its midnight. No format with an offset: StaffCloud
    // sends none, and a value with one would be a different thing than the rules expect, so it is read as absent.
    private static readonly string[] WallClockFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd",
    ];

    /// <summary>A positive integer given as a JSON number or a string of digits: StaffCloud ids start at 1, and a
    /// negative one would mean "all but" in a query.</summary>
    public static bool TryGetId(JsonElement record, string name, out long id)
    {
        id = 0;
        return record.TryGetProperty(name, out var value) && TryReadInteger(value, out id) && id > 0;
    }

    public static int? Int(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && TryReadInteger(value, out var number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : null;

    /// <summary>
    /// Text as given; a number or boolean as its JSON text (a phone number sent as a number is still a phone number).
    /// A text that is not valid Unicode or holds control characters is an invalid value: null (<see cref="TextValue"/>).
    /// </summary>
    public static string? Text(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => TextValue.Usable(TextValue.ReadString(value)),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>A wall-clock time (<see cref="DateTimeKind.Unspecified"/>); <paramref name="unreadable"/> when a value was there but could not be read.</summary>
    public static DateTime? WallClock(JsonElement record, string name, out bool unreadable)
    {
        unreadable = false;
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? TextValue.ReadString(value) : null;
        if (string.IsNullOrWhiteSpace(text) && value.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        if (text is not null && DateTime.TryParseExact(text.Trim(), WallClockFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var parsed))
        {
            return DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        }

        unreadable = true;
        return null;
    }

    private static bool TryReadInteger(JsonElement value, out long number)
    {
        number = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out number))
                {
                    return true;
                }

                // 12.0 is still 12; 12.5 is not an id.
                if (value.TryGetDecimal(out var dec) && dec == decimal.Truncate(dec) && dec >= long.MinValue && dec <= long.MaxValue)
                {
                    number = (long)dec;
                    return true;
                }

                return false;
            case JsonValueKind.String:
                return long.TryParse(TextValue.ReadString(value)?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }
}
