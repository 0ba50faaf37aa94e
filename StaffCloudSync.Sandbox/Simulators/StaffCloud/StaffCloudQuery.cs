using Microsoft.AspNetCore.Http;

namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>
/// StaffCloud's list query syntax as observed (staffcloud-api.md): <c>f=v</c> equals, <c>f=a,b</c> any of,
/// <c>f=-v</c> not equal, <c>f=&gt;v</c> / <c>f=&lt;v</c> strictly greater / less, <c>f=null</c> / <c>f=-null</c>,
/// <c>fields=</c>, <c>sort=f</c> / <c>sort=-f</c>. Numbers compare numerically, everything else as text — which
/// orders StaffCloud's <c>yyyy-MM-dd HH:mm:ss</c> datetimes correctly. Filters on fields it does not know are
/// ignored without an error, like StaffCloud's.
/// </summary>
internal sealed class StaffCloudQuery
{
    private static readonly HashSet<string> NotFilters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fields", "sort", "envelope", "limit", "offset", "page", "per_page",
    };

    private readonly List<(string Field, Func<JsonNode?, bool> Test)> _filters = [];
    private readonly List<(string Field, bool Descending)> _sort = [];
    private HashSet<string>? _fields;

    public bool Envelope { get; private set; }

    public static StaffCloudQuery Parse(IQueryCollection query, StaffCloudResource resource)
    {
        var parsed = new StaffCloudQuery();
        var filterable = resource.FilterableFields();
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                var text = value ?? string.Empty;
                if (key.Equals("fields", StringComparison.OrdinalIgnoreCase))
                {
                    parsed._fields = [.. Split(text)];
                }
                else if (key.Equals("sort", StringComparison.OrdinalIgnoreCase))
                {
                    parsed._sort.AddRange(Split(text).Select(f => f.StartsWith('-') ? (f[1..], true) : (f, false)));
                }
                else if (key.Equals("envelope", StringComparison.OrdinalIgnoreCase))
                {
                    parsed.Envelope = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1";
                }
                else if (!NotFilters.Contains(key) && filterable.Contains(key))
                {
                    parsed._filters.Add((key, Compile(text)));
                }
            }
        }

        return parsed;
    }

    public bool Matches(JsonObject record)
    {
        foreach (var (field, test) in _filters)
        {
            if (!test(record.TryGetPropertyValue(field, out var value) ? value : null))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> records)
    {
        if (_sort.Count == 0)
        {
            // No sort asked: the order the records were seeded in.
            return records;
        }

        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var (field, descending) in _sort)
        {
            JsonNode? Key(JsonObject r) => r.TryGetPropertyValue(field, out var v) ? v : null;
            ordered = ordered is null
                ? descending ? records.OrderByDescending(Key, NodeComparer.Instance) : records.OrderBy(Key, NodeComparer.Instance)
                : descending ? ordered.ThenByDescending(Key, NodeComparer.Instance) : ordered.ThenBy(Key, NodeComparer.Instance);
        }

        return ordered!;
    }

    /// <summary>
    /// The record with only the <c>fields=</c> asked for (all its own when none were), in the record's order. A joined
    /// field (a key with a dot, such as <c>event.project.name</c>) comes only when asked for by name, as StaffCloud's.
    /// </summary>
    public JsonObject Select(JsonObject record)
    {
        if (_fields is null)
        {
            foreach (var joined in record.Select(p => p.Key).Where(k => k.Contains('.', StringComparison.Ordinal)).ToList())
            {
                record.Remove(joined);
            }

            return record;
        }

        var selected = new JsonObject();
        foreach (var (name, value) in record)
        {
            if (_fields.Contains(name))
            {
                selected[name] = value?.DeepClone();
            }
        }

        return selected;
    }

    /// <summary>A condition parsed once per request (an id list of 200 is a set, not 200 comparisons per record).</summary>
    private static Func<JsonNode?, bool> Compile(string condition)
    {
        if (condition == "null")
        {
            return IsNull;
        }

        if (condition == "-null")
        {
            return value => !IsNull(value);
        }

        if (condition.StartsWith('>'))
        {
            var bound = condition[1..];
            return value => !IsNull(value) && Compare(value, bound) is > 0;
        }

        if (condition.StartsWith('<'))
        {
            var bound = condition[1..];
            return value => !IsNull(value) && Compare(value, bound) is < 0;
        }

        if (condition.StartsWith('-'))
        {
            var excluded = ValueSet.Of(Split(condition[1..]));
            return value => !excluded.Contains(value);
        }

        var allowed = ValueSet.Of(Split(condition));
        return allowed.Contains;
    }

    private static bool IsNull(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;

    /// <summary>Values of an "any of" list: numbers compare numerically, the rest as text ignoring case.</summary>
    private sealed class ValueSet
    {
        private readonly HashSet<decimal> _numbers = [];
        private readonly HashSet<string> _texts = new(StringComparer.OrdinalIgnoreCase);

        public static ValueSet Of(IEnumerable<string> values)
        {
            var set = new ValueSet();
            foreach (var value in values)
            {
                if (TryNumber(value, out var number))
                {
                    set._numbers.Add(number);
                }

                set._texts.Add(value);
            }

            return set;
        }

        public bool Contains(JsonNode? value)
        {
            if (IsNull(value) || Text(value) is not { } text)
            {
                return false;
            }

            return TryNumber(text, out var number) ? _numbers.Contains(number) || (_numbers.Count == 0 && _texts.Contains(text)) : _texts.Contains(text);
        }
    }

    /// <summary>Sign of value − bound, or null when the value is not comparable (an object, an array).</summary>
    private static int? Compare(JsonNode? value, string bound)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        return TryNumber(text, out var number) && TryNumber(bound, out var limit)
            ? number.CompareTo(limit)
            : Math.Sign(string.CompareOrdinal(text, bound));
    }

    /// <summary>A scalar's text: a string as is, a number or boolean as its JSON text.</summary>
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

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Nulls first, numbers numerically, other values as ordinal text.</summary>
    private sealed class NodeComparer : IComparer<JsonNode?>
    {
        public static NodeComparer Instance { get; } = new();

        public int Compare(JsonNode? x, JsonNode? y)
        {
            var a = IsNull(x) ? null : Text(x);
            var b = IsNull(y) ? null : Text(y);
            if (a is null || b is null)
            {
                return (a is null ? 0 : 1) - (b is null ? 0 : 1);
            }

            return TryNumber(a, out var m) && TryNumber(b, out var n) ? m.CompareTo(n) : string.CompareOrdinal(a, b);
        }
    }
}
