using System.Diagnostics.CodeAnalysis;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// One list of an account (groups, users or invitations) by id, in creation order. Every record gets a rising sequence
/// number that a page cursor points after, so paging stays correct while records are added or deleted between pages:
/// nothing is skipped or listed twice (unlike an offset). Not thread-safe: the account's lock guards it.
/// </summary>
internal sealed class OrderedRecords<T>
    where T : class
{
    private readonly List<(long Sequence, string Id)> _order = [];
    private readonly Dictionary<string, (long Sequence, T Value)> _byId = new(StringComparer.Ordinal);
    private readonly Func<T, string?>[] _keys;
    private readonly Dictionary<string, SortedSet<long>>[] _indexes;
    private long _lastSequence;

    /// <param name="keys">Secondary keys (an externalId, a lower-cased e-mail) looked up by <see cref="FirstBy"/>:
    /// a conflict check per create must not scan every record of a large account.</param>
    public OrderedRecords(params Func<T, string?>[] keys)
    {
        _keys = keys;
        _indexes = keys.Select(_ => new Dictionary<string, SortedSet<long>>(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>The earliest record whose key number <paramref name="key"/> is <paramref name="value"/>.</summary>
    public T? FirstBy(int key, string value)
    {
        if (!_indexes[key].TryGetValue(value, out var sequences) || sequences.Count == 0)
        {
            return null;
        }

        var index = FirstAfter(sequences.Min - 1);
        return _byId[_order[index].Id].Value;
    }

    public int Count => _byId.Count;

    public IEnumerable<T> Values => _order.Select(entry => _byId[entry.Id].Value);

    public bool Contains(string id) => _byId.ContainsKey(id);

    public bool TryGet(string id, [MaybeNullWhen(false)] out T value)
    {
        var found = _byId.TryGetValue(id, out var entry);
        value = entry.Value;
        return found;
    }

    public void Add(string id, T value)
    {
        if (!_byId.TryAdd(id, (++_lastSequence, value)))
        {
            throw new InvalidOperationException($"A record with id '{id}' exists already.");
        }

        _order.Add((_lastSequence, id));
        Index(value, _lastSequence, add: true);
    }

    /// <summary>Changes a record in place: it keeps its position in the list.</summary>
    public void Replace(string id, T value)
    {
        var (sequence, old) = _byId[id];
        Index(old, sequence, add: false);
        _byId[id] = (sequence, value);
        Index(value, sequence, add: true);
    }

    public bool Remove(string id)
    {
        if (!_byId.Remove(id, out var entry))
        {
            return false;
        }

        Index(entry.Value, entry.Sequence, add: false);
        _order.RemoveAt(FirstAfter(entry.Sequence - 1));
        return true;
    }

    private void Index(T value, long sequence, bool add)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i](value) is not { } key)
            {
                continue;
            }

            if (add)
            {
                _indexes[i].TryAdd(key, []);
                _indexes[i][key].Add(sequence);
            }
            else if (_indexes[i].TryGetValue(key, out var sequences))
            {
                sequences.Remove(sequence);
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> records after sequence <paramref name="after"/>, and the sequence to continue after (null at the end).</summary>
    public (IReadOnlyList<T> Items, long? Next) Page(long after, int limit)
    {
        var start = FirstAfter(after);
        var end = Math.Min(start + limit, _order.Count);
        List<T> items = [.. _order.GetRange(start, end - start).Select(entry => _byId[entry.Id].Value)];
        return (items, end < _order.Count ? _order[end - 1].Sequence : null);
    }

    /// <summary>The index of the first record whose sequence is greater than <paramref name="sequence"/> (binary search; the list is sorted).</summary>
    private int FirstAfter(long sequence)
    {
        int low = 0, high = _order.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_order[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
