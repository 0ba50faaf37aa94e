using System.Buffers.Text;
using System.Text;

namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

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
