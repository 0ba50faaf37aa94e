using System.Globalization;
using System.Text.Json.Nodes;
using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.StaffCloud;

namespace StaffCloudSync.Tests.Engine.Scenarios;

/// <summary>Reads scenario records (scenario-format.md): StaffCloud's snake_case shape and MobieTrain's contract shape.</summary>
internal static class ScenarioJson
{
    public static StaffCloudEmployee Employee(JsonNode node) => new(
        Long(node, "id"), Int(node, "status"), Text(node, "firstname"), Text(node, "lastname"), Text(node, "email"),
        Text(node, "mobile"), Text(node, "phone"), Text(node, "communication_language"));

    public static StaffCloudEvent Event(JsonNode node) =>
        new(Long(node, "id"), Text(node, "name"), Int(node, "status"), LocalTime(node, "start"), LocalTime(node, "end"));

    public static StaffCloudAssignment Assignment(JsonNode node) => new(
        Long(node, "id"), Long(node, "employee_id"), Long(node, "event_id"), Int(node, "status"), LocalTime(node, "start"), LocalTime(node, "end"));

    public static MobieTrainUserGroup Group(JsonNode node, string fallbackId) =>
        new(Text(node, "id") ?? fallbackId, Text(node, "name") ?? string.Empty, Text(node, "externalId"));

    public static MobieTrainUser User(JsonNode node, string fallbackId) => new(
        Text(node, "id") ?? fallbackId, Text(node, "externalId"), Profile(node), Groups(node), Instant(node, "registeredAt"));

    public static MobieTrainInvitation Invitation(JsonNode node, string fallbackId) => new(
        Text(node, "id") ?? fallbackId, Text(node, "externalId"), Profile(node), Groups(node), Instant(node, "createdAt"));

    public static JsonObject ToJson(MobieTrainUserGroup group) => new()
    {
        ["id"] = group.Id, ["name"] = group.Name, ["externalId"] = group.ExternalId,
    };

    public static JsonObject ToJson(MobieTrainUser user) => Person(user.Id, user.ExternalId, user.Profile, user.UserGroupIds, "registeredAt", user.RegisteredAt);

    public static JsonObject ToJson(MobieTrainInvitation invitation) => Person(invitation.Id, invitation.ExternalId, invitation.Profile, invitation.UserGroupIds, "createdAt", invitation.CreatedAt);

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Person(string id, string? externalId, MobieTrainProfile profile, IReadOnlyList<string> groups, string timeField, DateTimeOffset? time) => new()
    {
        ["id"] = id,
        ["externalId"] = externalId,
        ["firstName"] = profile.FirstName,
        ["lastName"] = profile.LastName,
        ["email"] = profile.Email,
        ["phone"] = profile.Phone,
        ["language"] = profile.Language,
        ["userGroupIds"] = new JsonArray(groups.Select(g => (JsonNode)JsonValue.Create(g)!).ToArray()),
        [timeField] = time is { } t ? Timestamp(t) : null,
    };

    private static MobieTrainProfile Profile(JsonNode node) =>
        new(Text(node, "firstName"), Text(node, "lastName"), Text(node, "email"), Text(node, "phone"), Text(node, "language"));

    private static List<string> Groups(JsonNode node) =>
        node["userGroupIds"]?.AsArray().Select(g => g!.GetValue<string>()).ToList() ?? [];

    private static string? Text(JsonNode node, string field) => node[field]?.GetValue<object>()?.ToString();

    private static long Long(JsonNode node, string field) => node[field]!.GetValue<long>();

    private static int? Int(JsonNode node, string field) => node[field] is { } value ? value.GetValue<int>() : null;

    private static DateTime? LocalTime(JsonNode node, string field) =>
        Text(node, field) is { } text ? DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null;

    private static DateTimeOffset? Instant(JsonNode node, string field) =>
        Text(node, field) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
}
