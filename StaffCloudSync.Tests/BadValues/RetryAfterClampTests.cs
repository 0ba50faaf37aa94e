using System.Net;
using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Tests.BadValues;

/// <summary>Absurd wait headers are values, clamped, never thrown on (sync-rules.md, "Bad values are values").</summary>
public sealed class RetryAfterClampTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [TestCase("1e30")]
    [TestCase("9223372036854775807")]
    [TestCase("1.7976931348623157E+308")]
    [TestCase("Infinity")]
    [TestCase("99999999999")]
    public void AbsurdRateLimitReset_IsClampedToTheLongestWait(string reset)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(RetryAfter.RateLimitReset, reset);
        response.Headers.TryAddWithoutValidation(RetryAfter.RateLimitRemaining, "0");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(RetryAfter.From(response, Now), Is.EqualTo(RetryAfter.Longest));
            Assert.That(RetryAfter.WhenQuotaExhausted(response, Now), Is.EqualTo(RetryAfter.Longest));
        }
    }

    [Test]
    public void UnixTimestampReset_IsTheTimeUntilIt()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(RetryAfter.RateLimitReset, (Now.ToUnixTimeSeconds() + 42).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(RetryAfter.From(response, Now), Is.EqualTo(TimeSpan.FromSeconds(42)));
    }

    [TestCase("99999999999999999999")]
    [TestCase("Fri, 31 Dec 9999 23:59:59 GMT")]
    public void AbsurdRetryAfter_IsClampedOrIgnored_NeverThrown(string retryAfter)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);

        var wait = RetryAfter.From(response, Now);

        Assert.That(wait is null || wait <= RetryAfter.Longest, Is.True, $"read as {wait}");
    }
}
