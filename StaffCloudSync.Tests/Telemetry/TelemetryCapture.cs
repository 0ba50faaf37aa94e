using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Tests.Telemetry;

/// <summary>
/// The app's spans and metrics as an exporter receives them (OpenTelemetry's in-memory exporter), through the same
/// instrumentation the worker registers (<see cref="SyncTelemetry.AddSyncTracing"/>). Tests here run one at a time,
/// so what is captured between creation and <see cref="Flush"/> is the test's own.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder().AddSyncTracing().AddInMemoryExporter(_spans).Build()!;
        _meter = Sdk.CreateMeterProviderBuilder().AddSyncMetrics().AddInMemoryExporter(_metrics).Build()!;
    }

    public IReadOnlyList<Activity> Spans => _spans;

    /// <summary>Exports what is pending: the spans that ended, and the metrics as their totals so far.</summary>
    public void Flush()
    {
        _tracer.ForceFlush();
        _metrics.Clear();
        _meter.ForceFlush();
    }

    public IEnumerable<Activity> Named(string name) => _spans.Where(s => s.OperationName == name);

    /// <summary>The sum of a counter (or a histogram's count) over its points whose tags include <paramref name="tags"/>.</summary>
    public long Sum(string metric, params (string Key, object Value)[] tags) =>
        Points(metric, tags).Sum(p => p.Kind switch
        {
            MetricType.LongSum => p.Point.GetSumLong(),
            MetricType.Histogram or MetricType.ExponentialHistogram => p.Point.GetHistogramCount(),
            _ => throw new AssertionException($"{metric} is a {p.Kind}"),
        });

    /// <summary>The tag values of a metric's points under one key.</summary>
    public IEnumerable<object?> TagValues(string metric, string key) =>
        Points(metric, []).Select(p => Tags(p.Point).GetValueOrDefault(key)).Distinct();

    public double HistogramSum(string metric, params (string Key, object Value)[] tags) => Points(metric, tags).Sum(p => p.Point.GetHistogramSum());

    private IEnumerable<(MetricType Kind, MetricPoint Point)> Points(string metric, (string Key, object Value)[] tags) =>
        _metrics.Where(m => m.Name == metric)
            .SelectMany(m => m.MetricPoints.Select(p => (m.MetricType, p)))
            .Where(p => tags.All(t => Equals(Tags(p.p).GetValueOrDefault(t.Key), t.Value)))
            .Select(p => (p.MetricType, p.p));

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }
}
