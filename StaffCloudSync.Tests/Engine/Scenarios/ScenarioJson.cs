using System.Globalization;
using System.Text.Json.Nodes;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Tests.Engine.Scenarios;

/// <summary>Reads a scenario's StaffCloud records (StaffCloud's snake_case shape) into the engine's records.</summary>
internal static class ScenarioJson
{
    public static StaffCloudEmployee Employee(JsonNode node) => new(
        Long(node, "id"), Int(node, "status"), Text(node, "firstname"), Text(node, "lastname"), Text(node, "email"),
        Text(node, "mobile"), Text(node, "phone"), Text(node, "communication_language"));

    public static StaffCloudEvent Event(JsonNode node) =>
        new(Long(node, "id"), Text(node, "name"), Int(node, "status"), LocalTime(node, "start"), LocalTime(node, "end"));

    public static StaffCloudAssignment Assignment(JsonNode node) => new(
        Long(node, "id"), Long(node, "employee_id"), Long(node, "event_id"), Int(node, "status"), LocalTime(node, "start"), LocalTime(node, "end"));

    private static string? Text(JsonNode node, string field) => node[field]?.GetValue<object>()?.ToString();

    private static long Long(JsonNode node, string field) => node[field]!.GetValue<long>();

    private static int? Int(JsonNode node, string field) => node[field] is { } value ? value.GetValue<int>() : null;

    private static DateTime? LocalTime(JsonNode node, string field) =>
        Text(node, field) is { } text ? DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null;
}
