using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;

namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>
/// Keeps each MobieTrain account's requests (reads, writes, retries) evenly spaced at <c>MobieTrain:RequestsPerSecond</c>,
/// so a run stays under the partner's rate limit instead of meeting it as 429s: a token bucket of one token per account,
/// so idle time is not saved up for a burst. Per account, because the limit is per account and tenants run side by
/// side; a singleton, because the limit outlives the handlers <c>IHttpClientFactory</c> rebuilds. Waits take real time
/// (System.Threading.RateLimiting has no TimeProvider); tests that are not about pacing turn it off.
/// </summary>
public sealed class MobieTrainPacer(IOptions<MobieTrainOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts = PartitionedRateLimiter.Create<string, string>(account =>
        options.Value.RequestsPerSecond <= 0
            ? RateLimitPartition.GetNoLimiter(account)

            // Not GetTokenBucketLimiter: that one replenishes on the partitioned limiter's 100 ms tick, capping one token at 10/s.
            : RateLimitPartition.Get(account, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.Value.RequestsPerSecond),
                AutoReplenishment = true,
                QueueLimit = int.MaxValue,
            })));

    /// <summary>Waits until this account may send its next request.</summary>
    public ValueTask<RateLimitLease> WaitTurnAsync(string account, CancellationToken cancellationToken) =>
        _accounts.AcquireAsync(account, 1, cancellationToken);

    /// <summary>The pacer as a strategy around each attempt: the account is the path segment after <c>accounts/</c>.</summary>
    public RateLimiterStrategyOptions Strategy() => new()
    {
        RateLimiter = args => WaitTurnAsync(AccountOf(args.Context.GetRequestMessage()?.RequestUri), args.Context.CancellationToken),
    };

    public void Dispose() => _accounts.Dispose();

    private static string AccountOf(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var index = Array.IndexOf(segments, "accounts");
        return index >= 0 && index + 1 < segments.Length ? segments[index + 1] : string.Empty;
    }
}
