using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>
/// One field of a StaffCloud record, of whatever kind it came as, read leniently. StaffCloud's field types were only
/// observed, not documented: ids and statuses come as numbers or numeric strings, text fields may come as numbers,
/// datetimes as <c>yyyy-MM-dd HH:mm:ss</c> (sometimes ISO with a <c>T</c>, or a date alone). What cannot be read is
/// null — except a record's id, which the caller must insist on.
/// </summary>
[JsonConverter(typeof(StaffCloudValueConverter))]
internal readonly record struct StaffCloudValue(JsonTokenType Kind, string? Raw)
{
    public static StaffCloudValue Absent => default;

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

    /// <summary>A positive integer, as a JSON number or a string of digits: ids start at 1, and a negative one means "all but" in a query.</summary>
    public bool TryGetId(out long id) => TryReadInteger(out id) && id > 0;

    public int? Int() => TryReadInteger(out var number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    /// <summary>Text as given (null when not usable, <see cref="TextValue"/>); a number or boolean as its JSON text.</summary>
    public string? Text() => Kind switch
    {
        JsonTokenType.String => TextValue.Usable(Raw),
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Raw,
        _ => null,
    };

    /// <summary>A wall-clock time; <paramref name="unreadable"/> when a value was there but could not be read.</summary>
    public DateTime? WallClock(out bool unreadable)
    {
        unreadable = false;
        if (Kind is JsonTokenType.None or JsonTokenType.Null || (Kind == JsonTokenType.String && string.IsNullOrWhiteSpace(Raw)))
            return null;

        if (Kind == JsonTokenType.String
            && DateTime.TryParseExact(Raw!.Trim(), WallClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        }

        unreadable = true;
        return null;
    }

    private bool TryReadInteger(out long number)
    {
        var digits = Kind switch { JsonTokenType.String => Raw?.Trim(), JsonTokenType.Number => Raw, _ => null };
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            return true;

        // 12.0 is still 12; 12.5 is not an id.
        if (Kind != JsonTokenType.Number || !decimal.TryParse(Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var dec)
            || dec != decimal.Truncate(dec) || dec < long.MinValue || dec > long.MaxValue)
        {
            return false;
        }

        number = (long)dec;
        return true;
    }
}

/// <summary>
/// Reads any JSON value: a string as sent (one that cannot be a .NET string as one without text, an invalid value), a
/// number or boolean as its JSON text, an object or list skipped (its kind kept: a date that is an object is unreadable).
/// </summary>
internal sealed class StaffCloudValueConverter : JsonConverter<StaffCloudValue>
{
    public override StaffCloudValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var kind = reader.TokenType;
        switch (kind)
        {
            case JsonTokenType.String:
                return new StaffCloudValue(kind, TextValue.ReadString(ref reader));
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                return new StaffCloudValue(kind, TextValue.RawText(ref reader));
            default:
                _ = reader.TrySkip(); // the serializer hands a converter its whole value: TrySkip, as Skip refuses while streaming
                return new StaffCloudValue(kind, null);
        }
    }

    public override void Write(Utf8JsonWriter writer, StaffCloudValue value, JsonSerializerOptions options) =>
        throw new NotSupportedException("StaffCloud's records are only read.");
}
