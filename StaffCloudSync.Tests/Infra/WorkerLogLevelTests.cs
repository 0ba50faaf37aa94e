using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// host.json's logLevel filters the Functions host's own logs; the isolated worker, which writes the sync's lines
/// straight to Azure Monitor (OpenTelemetry), filters by its configuration, where the deployed Logging__LogLevel__* app
/// settings land. The worker's host is built as Program.cs builds it, with those settings.
/// </summary>
public class WorkerLogLevelTests
{
    /// <summary>Categories that write the lines the alerts and the workbook read (SyncLog, QueueLog, DispatchLog).</summary>
    private static readonly string[] SyncCategories = [typeof(TenantRunner).FullName!, typeof(PoisonHandler).FullName!];

    /// <summary>What an HttpClient logs for every request at Information.</summary>
    private const string HttpClientCategory = "System.Net.Http.HttpClient.MobieTrain.LogicalHandler";

    private static ILoggerFactory Worker(IHost host) => host.Services.GetRequiredService<ILoggerFactory>();

    private static IHost BuildWorker(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        // The Functions host passes app settings as environment variables, "__" becoming the section separator.
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)));
        builder.Services.AddWorkerTelemetry(builder.Configuration);
        return builder.Build();
    }

    private static List<KeyValuePair<string, string>> DeployedLevels() =>
        InfraAppSettings.Read().Where(s => s.Key.StartsWith("Logging__LogLevel__", StringComparison.Ordinal)).ToList();

    [Test]
    public void TheDeployedLevels_KeepTheSyncsInformationLines_AndDropOtherInformation()
    {
        using var host = BuildWorker(DeployedLevels());
        var factory = Worker(host);
        var http = factory.CreateLogger(HttpClientCategory);

        Assert.Multiple(() =>
        {
            foreach (var category in SyncCategories)
            {
                Assert.That(factory.CreateLogger(category).IsEnabled(LogLevel.Information), Is.True, category);
                Assert.That(factory.CreateLogger(category).IsEnabled(LogLevel.Debug), Is.False, category);
            }

            Assert.That(http.IsEnabled(LogLevel.Information), Is.False);
            Assert.That(http.IsEnabled(LogLevel.Warning), Is.True);
        });
    }

    [Test]
    public void WithoutThem_TheWorkerKeepsEveryCategorysInformation_SoTheSettingsAreWhatDecides()
    {
        using var host = BuildWorker([]);

        Assert.That(Worker(host).CreateLogger(HttpClientCategory).IsEnabled(LogLevel.Information), Is.True);
    }
}
