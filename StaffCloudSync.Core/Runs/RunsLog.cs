using Microsoft.Extensions.Logging;

namespace StaffCloudSync.Core.Runs;

/// <summary>Log lines of the runs table (event ids 2200–2299, docs/architecture.md).</summary>
internal static partial class RunsLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning,
        Message = "Run {RunId} of tenant {TenantId}: its lists do not fit one table entity; kept {Kept} of {Total} entries (DetailsTruncated)")]
    public static partial void DetailsTruncated(ILogger logger, string tenantId, string runId, int kept, int total);
}
