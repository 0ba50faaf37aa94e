using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>
/// A sync run from the CLI traced and measured as the worker's are, so an operator's run shows up in the same
/// workbook: exported to Azure Monitor only when the settings carry <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>;
/// without it nothing is set up. Disposing flushes, so a short command does not lose its run's telemetry.
/// </summary>
internal sealed class CliTelemetry : IDisposable
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    private CliTelemetry(TracerProvider? tracer, MeterProvider? meter)
    {
        _tracer = tracer;
        _meter = meter;
    }

    public bool Exports => _tracer is not null;

    public static CliTelemetry Start(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new CliTelemetry(null, null);
        }

        var tracer = Sdk.CreateTracerProviderBuilder().AddSyncTracing()
            .AddAzureMonitorTraceExporter(options => options.ConnectionString = connectionString).Build();
        var meter = Sdk.CreateMeterProviderBuilder().AddSyncMetrics()
            .AddAzureMonitorMetricExporter(options => options.ConnectionString = connectionString).Build();
        return new CliTelemetry(tracer, meter);
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}
