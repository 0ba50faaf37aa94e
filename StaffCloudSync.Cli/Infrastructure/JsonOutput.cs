using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>
/// The one JSON document a <c>--json</c> command writes to standard output: camelCase, enums as names, indented,
/// quotes and apostrophes in reasons kept readable (it is read by scripts and people, never embedded in HTML).
/// </summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TextWriter stdout, T value)
    {
        stdout.WriteLine(JsonSerializer.Serialize(value, Options));
        stdout.Flush();
    }

    public static void Write(TextWriter stdout, JsonNode node)
    {
        stdout.WriteLine(node.ToJsonString(Options));
        stdout.Flush();
    }
}
