namespace StaffCloudSync.Core.Runs;

/// <summary>Run records (Table Storage table <c>SyncRuns</c>, partition = tenant, newest first).</summary>
public interface IRunStore
{
    /// <summary>Writes (inserts or replaces) the record of one run.</summary>
    Task WriteAsync(RunRecord record, CancellationToken cancellationToken);

    /// <summary>The tenant's runs, newest first, at most <paramref name="max"/>.</summary>
    IAsyncEnumerable<RunRecord> ListRecentAsync(string tenantId, int max, CancellationToken cancellationToken);

    /// <summary>One run with its lists; null when not found.</summary>
    Task<RunRecord?> GetAsync(string tenantId, string runId, CancellationToken cancellationToken);
}
