using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>A sync run from the CLI traced and measured as the worker's are, so it shows up in the same workbook; exported only
/// when the settings carry <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>. Disposing flushes: a short command keeps its telemetry.</summary>
internal sealed class CliTelemetry(TracerProvider? tracer, MeterProvider? meter) : IDisposable
{
    public static CliTelemetry Start(IConfiguration configuration)
    {
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrWhiteSpace(connectionString))
            return new CliTelemetry(null, null);

        return new CliTelemetry(
            Sdk.CreateTracerProviderBuilder().AddSyncTracing()
                .AddAzureMonitorTraceExporter(options => options.ConnectionString = connectionString).Build(),
            Sdk.CreateMeterProviderBuilder().AddSyncMetrics()
                .AddAzureMonitorMetricExporter(options => options.ConnectionString = connectionString).Build());
    }

    public void Dispose()
    {
        tracer?.Dispose();
        meter?.Dispose();
    }
}
