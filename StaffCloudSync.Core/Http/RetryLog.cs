namespace StaffCloudSync.Core.Http;

/// <summary>Retry events: method, host and path only — never the query (ids of people) or a header.</summary>
internal static partial class RetryLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning,
        Message = "Retrying {Method} {Host}{Path} after status {StatusCode} / {Error}: attempt {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string? method, string? host, string? path, int? statusCode, string? error, int attempt, long delayMs);
}
