using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StaffCloudSync.Functions.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    private const string ApplicationInsightsProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// Sends the worker's logs to Application Insights (and from there Log Analytics, where alerts and operators
    /// query the sync's events). Adaptive sampling is off and the SDK's default "Warning and above" rule is removed,
    /// so every per-action line is kept and no warning or error is ever sampled away. Levels are the worker's own
    /// configuration (the Logging__LogLevel__* app settings); host.json's logLevel filters only the host's logs.
    /// </summary>
    public static IServiceCollection AddWorkerTelemetry(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService(options => options.EnableAdaptiveSampling = false);
        services.ConfigureFunctionsApplicationInsights();
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsProvider);
            if (warningOnly is not null)
            {
                options.Rules.Remove(warningOnly);
            }
        });
        return services;
    }
}
