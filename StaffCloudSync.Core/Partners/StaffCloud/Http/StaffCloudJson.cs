using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>StaffCloud's JSON (docs/decisions.md, "JSON"): every field a <see cref="StaffCloudValue"/>, so no value fails the read.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StaffCloudElement))]
[JsonSerializable(typeof(StaffCloudFields))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<StaffCloudElement>))]
internal sealed partial class StaffCloudJson : JsonSerializerContext;

internal sealed record StaffCloudFields(
    StaffCloudValue Id, StaffCloudValue Status, StaffCloudValue Firstname, StaffCloudValue Lastname, StaffCloudValue Email,
    StaffCloudValue Mobile, StaffCloudValue Phone, StaffCloudValue CommunicationLanguage, StaffCloudValue Name, StaffCloudValue Start,
    StaffCloudValue End, StaffCloudValue ProjectId, StaffCloudValue EmployeeId, StaffCloudValue EventId,
    [property: JsonPropertyName(StaffCloudRecordParser.ProjectNameField)] StaffCloudValue ProjectName, StaffCloudElement? Response);

/// <summary>One element of an answer: its fields when it is a JSON object, none otherwise (so <c>[1, 2]</c> is named by position).</summary>
[JsonConverter(typeof(StaffCloudElementConverter))]
internal readonly record struct StaffCloudElement(StaffCloudFields? Fields);

internal sealed class StaffCloudElementConverter : ReadOnlyConverter<StaffCloudElement>
{
    public override StaffCloudElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.StartObject
            ? new StaffCloudElement(JsonSerializer.Deserialize(ref reader, StaffCloudJson.Default.StaffCloudFields))
            : Skip<StaffCloudElement>(ref reader, default);
}

/// <summary>A record without a usable id fails the read: skipped, its employee would look hard-deleted and be deleted.</summary>
internal static class StaffCloudRecordParser
{
    public static StaffCloudEmployee Employee(StaffCloudElement record, string where, Action<long, string> unreadableDate)
    {
        var fields = Fields(record, where);
        return new StaffCloudEmployee(RequiredId(fields.Id, "id", where), fields.Status.Int(), fields.Firstname.Text(),
            fields.Lastname.Text(), fields.Email.Text(), fields.Mobile.Text(), fields.Phone.Text(), fields.CommunicationLanguage.Text());
    }

    public static StaffCloudEvent Event(StaffCloudElement record, string where, Action<long, string> unreadableDate)
    {
        var fields = Fields(record, where);
        var id = RequiredId(fields.Id, "id", where);
        return new StaffCloudEvent(
            id, fields.Name.Text(), fields.Status.Int(), Date(fields.Start, id, "start", unreadableDate), Date(fields.End, id, "end", unreadableDate))
        {
            // An event without a usable project_id has no project: it gives no project group, which is no reason to fail.
            ProjectId = fields.ProjectId.TryGetId(out var projectId) ? projectId : null,
        };
    }

    public static StaffCloudAssignment Assignment(StaffCloudElement record, string where, Action<long, string> unreadableDate)
    {
        var fields = Fields(record, where);
        var id = RequiredId(fields.Id, "id", where);
        return new StaffCloudAssignment(
            id, RequiredId(fields.EmployeeId, "employee_id", where), RequiredId(fields.EventId, "event_id", where), fields.Status.Int(),
            Date(fields.Start, id, "start", unreadableDate), Date(fields.End, id, "end", unreadableDate))
        {
            ProjectName = fields.ProjectName.Text(),
        };
    }

    // The joined field an assignment carries its event's project name in, a flat key with dots.
    public const string ProjectNameField = "event.project.name";

    private static StaffCloudFields Fields(StaffCloudElement record, string where) =>
        record.Fields ?? throw new InvalidAnswerException($"a record that is not a JSON object ({where})");

    private static long RequiredId(StaffCloudValue value, string field, string where) =>
        value.TryGetId(out var id) ? id : throw new InvalidAnswerException($"a record without a usable '{field}' ({where})");

    private static DateTime? Date(StaffCloudValue value, long id, string field, Action<long, string> unreadableDate)
    {
        var date = value.WallClock(out var unreadable);
        if (unreadable)
            unreadableDate(id, field);

        return date;
    }
}

/// <summary>One field, read leniently (StaffCloud's types were only observed); what cannot be read is null.</summary>
[JsonConverter(typeof(StaffCloudValueConverter))]
internal readonly record struct StaffCloudValue(JsonTokenType Kind, string? Raw)
{
    // The date alone means its midnight; no format with an offset: StaffCloud sends none, so one with an offset reads as absent.
    private static readonly string[] WallClockFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd",
    ];

    // Ids start at 1, and a negative one means "all but" in a query.
    public bool TryGetId(out long id) => TryReadInteger(out id) && id > 0;

    public int? Int() => TryReadInteger(out var number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public string? Text() => Kind switch
    {
        JsonTokenType.String => TextValue.Usable(Raw),
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Raw,
        _ => null,
    };

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

/// <summary>An object or list is skipped with its kind kept: a date that is an object is unreadable.</summary>
internal sealed class StaffCloudValueConverter : ReadOnlyConverter<StaffCloudValue>
{
    public override StaffCloudValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new StaffCloudValue(reader.TokenType, TextValue.ReadString(ref reader)),
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => new StaffCloudValue(reader.TokenType, TextValue.RawText(ref reader)),
        var kind => Skip(ref reader, new StaffCloudValue(kind, null)),
    };
}

internal abstract class ReadOnlyConverter<T> : JsonConverter<T>
{
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        throw new NotSupportedException("StaffCloud's records are only read.");

    // The serializer hands a converter its whole value: TrySkip, as Skip refuses while streaming.
    protected static TValue Skip<TValue>(ref Utf8JsonReader reader, TValue value)
    {
        _ = reader.TrySkip();
        return value;
    }
}
