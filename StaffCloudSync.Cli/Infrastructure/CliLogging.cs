using Microsoft.Extensions.Logging;

namespace StaffCloudSync.Cli.Infrastructure;

internal static class CliLogging
{
    /// <summary>Warnings and above by default (what needs the operator's attention); <c>--verbose</c> adds information.</summary>
    public static IServiceCollection AddCliLogging(this IServiceCollection services, CliContext context, bool verbose) =>
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddProvider(new StandardErrorLoggerProvider(context.Error, verbose ? LogLevel.Information : LogLevel.Warning)));
}
