using System.Collections.Concurrent;

namespace StaffCloudSync.Core.StaffCloud.Http;

/// <summary>
/// Per StaffCloud host (one per API tenant; keyed by API root, see <see cref="StaffCloudRateLimitHandler.QuotaKey"/>),
/// until when its rate-limit quota is used up. A singleton, because
/// <c>IHttpClientFactory</c> rebuilds handlers every few minutes and a typed client is transient, while the quota
/// belongs to the host and outlives both.
/// </summary>
internal sealed class StaffCloudRateLimitGate
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _exhaustedUntil = new(StringComparer.OrdinalIgnoreCase);

    public void ExhaustedUntil(string host, DateTimeOffset until) =>
        _exhaustedUntil.AddOrUpdate(host, until, (_, known) => until > known ? until : known);

    /// <summary>How long a request to <paramref name="host"/> should wait now (zero when the quota is not known to be used up).</summary>
    public TimeSpan WaitFor(string host, DateTimeOffset now)
    {
        if (!_exhaustedUntil.TryGetValue(host, out var until))
        {
            return TimeSpan.Zero;
        }

        if (until <= now)
        {
            _exhaustedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(host, until));
            return TimeSpan.Zero;
        }

        return until - now;
    }

    /// <summary>The quota was seen with requests left (a new window): forget an older "used up".</summary>
    public void Available(string host) => _exhaustedUntil.TryRemove(host, out _);
}
