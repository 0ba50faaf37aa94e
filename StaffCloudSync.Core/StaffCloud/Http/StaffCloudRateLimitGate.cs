using System.Collections.Concurrent;

namespace StaffCloudSync.Core.StaffCloud.Http;

/// <summary>
/// Per StaffCloud API root (<see cref="StaffCloudRateLimitHandler.QuotaKey"/>), until when its rate-limit quota is used up.
/// A singleton, because <c>IHttpClientFactory</c> rebuilds handlers every few minutes and a typed client is transient,
/// while the quota belongs to the host and outlives both.
/// </summary>
internal sealed class StaffCloudRateLimitGate() : ConcurrentDictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
