using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The app's metrics as the code creates them (the instruments its one Meter publishes), their tag names, and the parts
/// of a KQL query that name metrics and tags, so alert rules and workbook panels can be checked against what the app
/// really emits — and checked to read no log line's text.
/// </summary>
internal static partial class AppMetrics
{
    private static readonly Lazy<HashSet<string>> Published = new(() =>
    {
        // Listening publishes every instrument the Meter already has: exactly the ones the code created.
        _ = SyncTelemetry.Meter;
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == SyncTelemetry.Name)
                {
                    lock (names)
                    {
                        names.Add(instrument.Name);
                    }
                }
            },
        };
        listener.Start();
        return names;
    });

    /// <summary>The names of the instruments the app's Meter has.</summary>
    public static IReadOnlySet<string> Names => Published.Value;

    /// <summary>The tag names the code puts on its metrics (SyncTelemetry's *Tag constants).</summary>
    public static IReadOnlySet<string> Tags { get; } = typeof(SyncTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name.EndsWith("Tag", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The metrics a query reads: <c>name == "…"</c> and <c>name in ("…", …)</c>.</summary>
    public static IEnumerable<string> ReadBy(string query) =>
        NameEquals().Matches(query).Select(m => m.Groups[1].Value)
            .Concat(NameIn().Matches(query).SelectMany(m => Quoted().Matches(m.Groups[1].Value).Select(q => q.Groups[1].Value)))
            .Distinct();

    /// <summary>The tags a query reads (<c>customDimensions.x</c>).</summary>
    public static IEnumerable<string> Fields(string query) => CustomDimension().Matches(query).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>A query on log lines reads the traces table or a line's message; a metric query does neither.</summary>
    public static bool ReadsLogText(string query) => query.TrimStart().StartsWith("traces", StringComparison.Ordinal) || MessageColumn().IsMatch(query);

    [GeneratedRegex("\\bname\\s*==\\s*\"([^\"]+)\"")]
    private static partial Regex NameEquals();

    [GeneratedRegex("\\bname\\s+in\\s*\\(([^)]*)\\)")]
    private static partial Regex NameIn();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"customDimensions\.([A-Za-z_]+)")]
    private static partial Regex CustomDimension();

    [GeneratedRegex(@"\bmessage\b")]
    private static partial Regex MessageColumn();
}
