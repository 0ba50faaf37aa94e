using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Cli.Rendering;

/// <summary>
/// Run records as the operator thinks of them: a run that went past its time budget and its continuations are one
/// line (sync-rules.md, "Time budget"), started when the first began, ended when the last did, counts added up.
/// </summary>
internal static class RunChains
{
    /// <summary>One chain of invocations, newest first as the records come.</summary>
    internal sealed record Chain(RunRecord First, RunRecord Last, int Invocations, SyncCounts Counts);

    public static List<Chain> Of(IReadOnlyList<RunRecord> newestFirst) =>
        newestFirst
            .GroupBy(r => r.ChainId ?? r.RunId, StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(r => r.Invocation).ThenBy(r => r.StartedAt).ToList();
                var counts = ordered.Skip(1).Aggregate(ordered[0].Counts, (sum, r) => sum.Plus(r.Counts));
                return new Chain(ordered[0], ordered[^1], ordered.Count, counts);
            })
            .OrderByDescending(c => c.First.StartedAt)
            .ToList();
}
