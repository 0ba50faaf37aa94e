using Microsoft.Extensions.Logging;

namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>
/// The CLI's console logger: one line per entry on standard error, through the error console so lines and a live
/// progress spinner do not garble each other, and so a test captures them. Standard output stays for the report or
/// the JSON document alone. The sync's log lines carry ids and reasons, never a token or a profile.
/// </summary>
internal sealed class StandardErrorLoggerProvider(IAnsiConsole console, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    private LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, ShortName(categoryName));

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var line = $"{Label(level)}: {category}[{eventId.Id}] {message}";
        if (exception is not null)
        {
            // The message only: a stack trace is for a developer's debugger, not an operator's terminal.
            line += $" ({exception.GetType().Name}: {exception.Message})";
        }

        lock (_gate)
        {
            console.Write(new Text(line + "\n", Style(level)));
        }
    }

    private static string ShortName(string category) =>
        category.LastIndexOf('.') is var dot and >= 0 ? category[(dot + 1)..] : category;

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private static Style Style(LogLevel level) => level switch
    {
        LogLevel.Warning => new Style(Color.Yellow),
        >= LogLevel.Error => new Style(Color.Red),
        _ => Spectre.Console.Style.Plain,
    };

    private sealed class Logger(StandardErrorLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}

internal static class CliLogging
{
    /// <summary>Warnings and above by default (what needs the operator's attention); <c>--verbose</c> adds information.</summary>
    public static IServiceCollection AddCliLogging(this IServiceCollection services, CliContext context, bool verbose) =>
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddProvider(new StandardErrorLoggerProvider(context.Error, verbose ? LogLevel.Information : LogLevel.Warning)));
}
