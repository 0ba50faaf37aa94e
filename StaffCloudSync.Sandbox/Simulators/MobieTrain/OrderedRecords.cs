using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>One list of an account in creation order. A cursor points after a record's rising sequence number, so paging stays
/// correct while records come and go (unlike an offset); <paramref name="keys"/> spare a conflict check a scan.</summary>
internal sealed class OrderedRecords<T>(string list, Func<T, string> idOf, params Func<T, string?>[] keys)
    where T : class
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    private static readonly Comparer<(long Sequence, string Id)> BySequence =
        Comparer<(long Sequence, string Id)>.Create((x, y) => x.Sequence.CompareTo(y.Sequence));

    private readonly List<(long Sequence, string Id)> _order = [];
    private readonly Dictionary<string, (long Sequence, T Value)> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<long>>[] _indexes =
        [.. keys.Select(_ => new Dictionary<string, SortedSet<long>>(StringComparer.Ordinal))];
    private long _lastSequence;

    public IEnumerable<T> Values => _order.Select(entry => _byId[entry.Id].Value);

    public T? FirstBy(int key, string value) => _indexes[key].TryGetValue(value, out var sequences) && sequences.Count > 0
        ? _byId[_order[IndexOf(sequences.Min)].Id].Value
        : null;

    public bool Contains(string id) => _byId.ContainsKey(id);

    public T? Find(string id) => _byId.TryGetValue(id, out var entry) ? entry.Value : null;

    public T Add(T value)
    {
        var id = idOf(value);
        if (!_byId.TryAdd(id, (++_lastSequence, value)))
            throw new InvalidOperationException($"A record with id '{id}' exists already.");

        _order.Add((_lastSequence, id));
        Index(value, _lastSequence, add: true);
        return value;
    }

    // In place: the record keeps its position in the list.
    public T Replace(T value)
    {
        var id = idOf(value);
        var (sequence, old) = _byId[id];
        Index(old, sequence, add: false);
        _byId[id] = (sequence, value);
        Index(value, sequence, add: true);
        return value;
    }

    public bool Remove(string id)
    {
        if (!_byId.Remove(id, out var entry))
            return false;

        Index(entry.Value, entry.Sequence, add: false);
        _order.RemoveAt(IndexOf(entry.Sequence));
        return true;
    }

    // The cursor is the list and the last sequence handed out, base64url encoded so that clients treat it as a token.
    public SimulatorResponse Page(string? limitText, string? cursor)
    {
        var limit = DefaultPageSize;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
            throw SimulatorApiException.BadRequest($"limit must be a whole number from 1 to {MaxPageSize}.");

        var after = 0L;
        if (cursor is not null && !TryDecode(cursor, out after))
            throw SimulatorApiException.BadRequest("cursor is not one this list handed out.");

        var found = IndexOf(after);
        var start = found >= 0 ? found + 1 : ~found;
        var end = Math.Min(start + limit, _order.Count);
        List<T> items = [.. _order.GetRange(start, end - start).Select(entry => _byId[entry.Id].Value)];
        var next = end < _order.Count
            ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{list}:{_order[end - 1].Sequence}")))
            : null;
        return SimulatorResponse.Json(200, new ListPage(items, next));
    }

    private bool TryDecode(string cursor, out long after)
    {
        after = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(list + ":", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(list.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out after);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void Index(T value, long sequence, bool add)
    {
        for (var i = 0; i < _indexes.Length; i++)
        {
            if (keys[i](value) is not { } key)
                continue;
            if (add)
                (CollectionsMarshal.GetValueRefOrAddDefault(_indexes[i], key, out _) ??= []).Add(sequence);
            else if (_indexes[i].TryGetValue(key, out var sequences))
                sequences.Remove(sequence);
        }
    }

    private int IndexOf(long sequence) => _order.BinarySearch((sequence, string.Empty), BySequence);

    private sealed record ListPage(IReadOnlyList<T> Items, string? NextCursor);
}
