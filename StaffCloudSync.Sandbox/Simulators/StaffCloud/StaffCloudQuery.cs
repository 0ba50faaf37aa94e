namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>StaffCloud's list query syntax as observed (staffcloud-api.md): <c>f=v</c>, <c>f=a,b</c>, <c>f=-v</c>, <c>f=&gt;v</c>,
/// <c>f=&lt;v</c> (strictly), <c>f=null</c>, <c>f=-null</c>, <c>fields=</c>, <c>sort=f</c> / <c>sort=-f</c>. Numbers
/// compare numerically, everything else as text — which orders StaffCloud's <c>yyyy-MM-dd HH:mm:ss</c> datetimes.</summary>
internal sealed class StaffCloudQuery
{
    // StaffCloud ignores filters on other fields (also event.start), as here.
    private static readonly Dictionary<StaffCloudResource, HashSet<string>> Filterable = new()
    {
        [StaffCloudResource.Employees] =
            ["id", "firstname", "lastname", "email", "mobile", "phone", "communication_language", "status", "created_at", "updated_at"],
        [StaffCloudResource.Events] = ["id", "name", "project_id", "client_id", "location_id", "start", "end", "status"],
        [StaffCloudResource.Assignments] =
            ["id", "employee_id", "event_id", "event_function_id", "project_id", "status", "start", "end", "created_at"],
        [StaffCloudResource.Projects] = ["id", "name", "client_id", "status"],
    };

    private readonly List<(string Field, Func<JsonNode?, bool> Test)> _filters = [];
    private readonly List<(string Field, bool Descending)> _sort = [];
    private HashSet<string>? _fields;

    public bool Envelope { get; private set; }

    public static StaffCloudQuery Parse(IQueryCollection query, StaffCloudResource resource)
    {
        var parsed = new StaffCloudQuery();
        foreach (var (key, values) in query)
        {
            foreach (var text in values.Select(value => value ?? string.Empty))
            {
                if (key.Equals("fields", StringComparison.OrdinalIgnoreCase))
                    parsed._fields = [.. Split(text)];
                else if (key.Equals("sort", StringComparison.OrdinalIgnoreCase))
                    parsed._sort.AddRange(Split(text).Select(f => f.StartsWith('-') ? (f[1..], true) : (f, false)));
                else if (key.Equals("envelope", StringComparison.OrdinalIgnoreCase))
                    parsed.Envelope = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1";
                else if (Filterable[resource].Contains(key))
                    parsed._filters.Add((key, Compile(text)));
            }
        }

        return parsed;
    }

    public bool Matches(JsonObject record) => _filters.TrueForAll(filter => filter.Test(record[filter.Field]));

    public IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> records) =>
        _sort.Count == 0 ? records : records.Order(Comparer<JsonObject>.Create(CompareRecords));

    // A joined field (a key with a dot, such as event.project.name) comes only when asked for by name, as StaffCloud's.
    public JsonObject Select(JsonObject record)
    {
        if (_fields is not null)
            return new JsonObject(record.Where(p => _fields.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        foreach (var joined in record.Select(p => p.Key).Where(k => k.Contains('.', StringComparison.Ordinal)).ToList())
            record.Remove(joined);
        return record;
    }

    internal static string? Text(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    internal static bool TryNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out number);

    private int CompareRecords(JsonObject x, JsonObject y)
    {
        foreach (var (field, descending) in _sort)
        {
            var order = CompareNodes(x[field], y[field]);
            if (order != 0)
                return descending ? -order : order;
        }

        return 0;
    }

    /// <summary>A condition parsed once per request (an id list of 200 is a set, not 200 comparisons per record).</summary>
    private static Func<JsonNode?, bool> Compile(string condition) => condition switch
    {
        "null" => IsNull,
        "-null" => Not(IsNull),
        ['>', .. var bound] => value => !IsNull(value) && Compare(value, bound) is > 0,
        ['<', .. var bound] => value => !IsNull(value) && Compare(value, bound) is < 0,
        ['-', .. var excluded] => Not(AnyOf(excluded)),
        _ => AnyOf(condition),
    };

    // Numbers compare numerically, the rest as text ignoring case.
    private static Func<JsonNode?, bool> AnyOf(string list)
    {
        var texts = Split(list).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var numbers = texts.Select(text => TryNumber(text, out var number) ? number : (decimal?)null).OfType<decimal>().ToHashSet();
        return value => Text(value) is { } text
            && (TryNumber(text, out var number) ? numbers.Contains(number) || (numbers.Count == 0 && texts.Contains(text)) : texts.Contains(text));
    }

    private static Func<JsonNode?, bool> Not(Func<JsonNode?, bool> test) => value => !test(value);

    private static bool IsNull(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;

    // Null when the value is not comparable (an object, an array).
    private static int? Compare(JsonNode? value, string bound) => Text(value) is not { } text
        ? null
        : TryNumber(text, out var number) && TryNumber(bound, out var limit) ? number.CompareTo(limit) : Math.Sign(string.CompareOrdinal(text, bound));

    // Nulls first, numbers numerically, other values as ordinal text.
    private static int CompareNodes(JsonNode? x, JsonNode? y) => (Text(x), Text(y)) switch
    {
        (null, var b) => b is null ? 0 : -1,
        (_, null) => 1,
        ({ } a, { } b) => TryNumber(a, out var m) && TryNumber(b, out var n) ? m.CompareTo(n) : string.CompareOrdinal(a, b),
    };

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
