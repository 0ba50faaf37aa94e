namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>
/// StaffCloud's JSON, source-generated (docs/decisions.md, "JSON"): snake_case fields, unknown ones ignored, every
/// field a <see cref="StaffCloudValue"/> so that no value of any kind fails the read — what a value means is decided
/// where it is used (<see cref="StaffCloudRecordParser"/>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StaffCloudElement))]
[JsonSerializable(typeof(StaffCloudFields))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<StaffCloudElement>))]
internal sealed partial class StaffCloudJson : JsonSerializerContext;

/// <summary>The fields of an employee, event or assignment the sync reads; a missing one is <see cref="StaffCloudValue.Absent"/>.</summary>
internal sealed record StaffCloudFields(
    StaffCloudValue Id,
    StaffCloudValue Status,
    StaffCloudValue Firstname,
    StaffCloudValue Lastname,
    StaffCloudValue Email,
    StaffCloudValue Mobile,
    StaffCloudValue Phone,
    StaffCloudValue CommunicationLanguage,
    StaffCloudValue Name,
    StaffCloudValue Start,
    StaffCloudValue End,
    StaffCloudValue ProjectId,
    StaffCloudValue EmployeeId,
    StaffCloudValue EventId,
    [property: JsonPropertyName(StaffCloudRecordParser.ProjectNameField)] StaffCloudValue ProjectName,
    StaffCloudElement? Response);

/// <summary>One element of an answer: its fields when it is a JSON object, none when it is anything else.</summary>
[JsonConverter(typeof(StaffCloudElementConverter))]
internal readonly record struct StaffCloudElement(StaffCloudFields? Fields);

/// <summary>Reads an element without failing on its kind, so that a list of <c>[1, 2]</c> can be named by position.</summary>
internal sealed class StaffCloudElementConverter : JsonConverter<StaffCloudElement>
{
    public override StaffCloudElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
            return new StaffCloudElement(JsonSerializer.Deserialize(ref reader, StaffCloudJson.Default.StaffCloudFields));

        _ = reader.TrySkip(); // the serializer hands a converter its whole value: TrySkip, as Skip refuses while streaming
        return default;
    }

    public override void Write(Utf8JsonWriter writer, StaffCloudElement value, JsonSerializerOptions options) =>
        throw new NotSupportedException("StaffCloud's records are only read.");
}
