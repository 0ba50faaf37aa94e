namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>StaffCloud's <c>/webhooks</c> (staffcloud-api.md; the answers are not documented). The URLs are never called.</summary>
public sealed class StaffCloudWebhooks
{
    public const string Resource = "webhooks";
    private const int MaxBodyBytes = 16 * 1024;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _byTenant = new(StringComparer.Ordinal);
    private long _nextId = 1;

    public IReadOnlyList<JsonObject> Of(string apiTenant)
    {
        lock (_gate)
            return [.. List(apiTenant).Select(w => w.DeepClone().AsObject())];
    }

    // Set up by hand in StaffCloud: another integration's, or ours with an old secret.
    public JsonObject Add(string apiTenant, string trigger, string url)
    {
        lock (_gate)
            return Created(List(apiTenant), (trigger, url)).Body!.AsObject();
    }

    public (int Status, JsonNode? Body) Serve(string apiTenant, string method, string? id, JsonObject? body)
    {
        lock (_gate)
        {
            var list = List(apiTenant);
            var index = id is null ? -1 : list.FindIndex(w => w["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture) == id);
            (int, JsonNode?) invalid =
                (422, StaffCloudSimulator.Error(422, "A webhook needs both trigger.event and webhook.url (an absolute http(s) URL)"));
            return (method.ToUpperInvariant(), id) switch
            {
                ("GET", null) => (200, new JsonArray([.. list.Select(w => w.DeepClone())])),
                ("GET", _) when index >= 0 => (200, list[index].DeepClone()),
                ("POST", null) => Parse(body) is { } parts ? Created(list, parts) : invalid,
                ("PUT", _) when index >= 0 => Parse(body) is { } parts ? Replaced(list, index, parts) : invalid,
                ("DELETE", _) when index >= 0 => Deleted(list, index),
                (_, not null) => (404, StaffCloudSimulator.Error(404, $"webhook {id} not found")),
                _ => (405, StaffCloudSimulator.Error(405, "Method not allowed")),
            };
        }
    }

    public static async Task<JsonObject?> ReadBodyAsync(HttpRequest request)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
        try
        {
            return length is 0 or > MaxBodyBytes ? null : JsonNode.Parse(buffer.AsSpan(0, length)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private List<JsonObject> List(string apiTenant) =>
        _byTenant.TryGetValue(apiTenant, out var list) ? list : _byTenant[apiTenant] = [];

    private (int Status, JsonNode? Body) Created(List<JsonObject> list, (string Trigger, string Url) parts)
    {
        list.Add(Record(_nextId++, parts));
        return (201, list[^1].DeepClone());
    }

    private static (int, JsonNode?) Replaced(List<JsonObject> list, int index, (string Trigger, string Url) parts)
    {
        list[index] = Record(list[index]["id"]!.GetValue<long>(), parts);
        return (200, list[index].DeepClone());
    }

    private static (int, JsonNode?) Deleted(List<JsonObject> list, int index)
    {
        list.RemoveAt(index);
        return (204, null);
    }

    // Both parts, as a PUT must send them again.
    private static (string Trigger, string Url)? Parse(JsonObject? body) =>
        (body?["trigger"] as JsonObject)?["event"] is JsonValue e && e.TryGetValue<string>(out var trigger) && !string.IsNullOrWhiteSpace(trigger)
        && (body["webhook"] as JsonObject)?["url"] is JsonValue u && u.TryGetValue<string>(out var url)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? (trigger, url)
            : null;

    private static JsonObject Record(long id, (string Trigger, string Url) parts) => new()
    {
        ["id"] = id,
        ["trigger"] = new JsonObject { ["event"] = parts.Trigger },
        ["webhook"] = new JsonObject { ["url"] = parts.Url },
    };
}
