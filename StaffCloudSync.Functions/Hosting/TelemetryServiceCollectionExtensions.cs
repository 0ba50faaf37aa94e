using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Functions.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The setting Azure sets on a Function App with Application Insights; its absence means "export nothing".</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>infra/ turns off local authentication on Application Insights and sets this to the identity to send as.</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Spans, metrics and logs exported to Azure Monitor when a connection string is set (else nothing leaves the process);
    /// no sampling: levels are the worker's Logging__LogLevel__* settings.</summary>
    public static IServiceCollection AddWorkerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSyncTracing())
            .WithMetrics(metrics => metrics.AddSyncMetrics());
        var connectionString = configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = ExporterCredential(configuration[AuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        return services;
    }

    /// <summary>The identity the exporter sends as: the Functions host reads <c>ClientId=…;Authorization=AAD</c> itself, the
    /// Azure Monitor exporter does not, and without it the component (local authentication off) refuses our telemetry.</summary>
    public static TokenCredential? ExporterCredential(string? authentication)
    {
        var parts = (authentication ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
            return null;

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId)
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
