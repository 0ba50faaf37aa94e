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
    private long _lastSequence;

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
    }

    /// <summary>Changes a record in place: it keeps its position in the list.</summary>
    public void Replace(string id, T value) => _byId[id] = (_byId[id].Sequence, value);

    public bool Remove(string id)
    {
        if (!_byId.Remove(id, out var entry))
        {
            return false;
        }

        _order.RemoveAt(FirstAfter(entry.Sequence - 1));
        return true;
    }

    /// <summary>Up to <paramref name="limit"/> records after sequence <paramref name="after"/>, and the sequence to continue after (null at the end).</summary>
    public (IReadOnlyList<T> Items, long? Next) Page(long after, int limit)
    {
        var start = FirstAfter(after);
        var end = Math.Min(start + limit, _order.Count);
        var items = new List<T>(end - start);
        for (var i = start; i < end; i++)
        {
            items.Add(_byId[_order[i].Id].Value);
        }

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
