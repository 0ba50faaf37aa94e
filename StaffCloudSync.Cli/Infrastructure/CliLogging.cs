using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>One line per entry through the error console, so that log lines and a live spinner do not garble each other.</summary>
internal sealed class StandardErrorLoggerProvider(IAnsiConsole console, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) =>
        new Logger(this, categoryName.LastIndexOf('.') is var dot and >= 0 ? categoryName[(dot + 1)..] : categoryName, minimum);

    public void Dispose() { }

    private void Write(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var line = $"{Label(level)}: {category}[{eventId.Id}] {message}";

        // The message only: a stack trace is for a developer's debugger, not an operator's terminal.
        if (exception is not null)
            line += $" ({exception.GetType().Name}: {exception.Message})";

        var style = level switch
        {
            LogLevel.Warning => new Style(Color.Yellow),
            >= LogLevel.Error => new Style(Color.Red),
            _ => Style.Plain,
        };
        lock (_gate)
            console.Write(new Text(line + "\n", style));
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(StandardErrorLoggerProvider provider, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write(logLevel, category, eventId, formatter(state, exception), exception);
        }
    }
}

internal static class CliLogging
{
    /// <summary>Warnings and above by default (what needs the operator's attention); <c>--verbose</c> adds information.</summary>
    public static IServiceCollection AddCliLogging(this IServiceCollection services, CliContext context, bool verbose)
    {
        var minimum = verbose ? LogLevel.Information : LogLevel.Warning;
        return services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(minimum)
            .AddProvider(new StandardErrorLoggerProvider(context.Error, minimum)));
    }
}

/// <summary>A CLI sync traced and measured as the worker's when APPLICATIONINSIGHTS_CONNECTION_STRING is set; disposing flushes.</summary>
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
