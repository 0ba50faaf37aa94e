using System.Text.Json.Serialization;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// The contract's JSON: camelCase, every field written (a missing e-mail is <c>null</c>, as scenario expectations spell
/// it), timestamps in UTC as <c>2026-03-01T02:00:00Z</c>. Also what the scenario runner serialises the final state with.
/// </summary>
public static class MobieTrainSimulatorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcTimestampConverter() },
    };

    /// <summary>UTC with a <c>Z</c>; fractions of a second only when there are some ("F" drops them and their point).</summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
