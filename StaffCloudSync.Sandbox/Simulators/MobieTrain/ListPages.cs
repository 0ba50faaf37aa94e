using System.Buffers.Text;
using System.Text;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>One page of a list as the contract pages it: <c>limit</c> (1–1000, 100 by default) and an opaque cursor.</summary>
internal static class ListPages
{
    public static SimulatorResponse Page<T>(OrderedRecords<T> records, string list, string? limitText, string? cursor)
        where T : class
    {
        var limit = MobieTrainAccountState.DefaultPageSize;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MobieTrainAccountState.MaxPageSize))
        {
            throw SimulatorApiException.BadRequest($"limit must be a whole number from 1 to {MobieTrainAccountState.MaxPageSize}.");
        }

        var after = 0L;
        if (cursor is not null && !PageCursor.TryDecode(cursor, list, out after))
        {
            throw SimulatorApiException.BadRequest("cursor is not one this list handed out.");
        }

        var (items, next) = records.Page(after, limit);
        return SimulatorResponse.Json(200, new ListPage<T>(items, next is { } n ? PageCursor.Encode(list, n) : null));
    }

    private sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor);
}

/// <summary>
/// The opaque <c>cursor</c> of a list: which list and the sequence number of the last record handed out, base64url
/// encoded so that clients treat it as a token rather than a number to compute with.
/// </summary>
internal static class PageCursor
{
    public static string Encode(string list, long after) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{list}:{after}")));

    public static bool TryDecode(string cursor, string list, out long after)
    {
        after = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var prefix = list + ":";
            return text.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out after);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
