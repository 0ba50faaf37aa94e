using System.Globalization;
using System.Text.Json.Nodes;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.WorkerProcess.WebJobs;

/// <summary>
/// The <c>extensions.queues</c> section of the repository's host.json, as configuration for the WebJobs SDK. The
/// Functions host loads host.json into configuration and the queue extension binds its <c>QueuesOptions</c> from the
/// <c>extensions:queues</c> section under the WebJobs root (<c>AzureWebJobs</c> in a plain WebJobs host); giving the
/// SDK the file's values under that path makes the SDK's own binding read them, as the host's does.
/// </summary>
internal static class HostJsonQueues
{
    private const string Section = "AzureWebJobs:extensions:queues";

    private static readonly Lazy<JsonObject> Queues = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!["extensions"]!["queues"]!.AsObject());

    /// <summary>Every value of the section, as configuration keys (<c>AzureWebJobs:extensions:queues:maxDequeueCount</c> …).</summary>
    public static Dictionary<string, string?> Configuration() =>
        Queues.Value.ToDictionary(p => $"{Section}:{p.Key}", p => p.Value?.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>host.json's maxDequeueCount, read from the file (what the tests expect the SDK to have bound).</summary>
    public static int MaxDequeueCount => Queues.Value["maxDequeueCount"]!.GetValue<int>();

    public static TimeSpan VisibilityTimeout => TimeSpan.Parse(Queues.Value["visibilityTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    public static TimeSpan MaxPollingInterval => TimeSpan.Parse(Queues.Value["maxPollingInterval"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    public static int BatchSize => Queues.Value["batchSize"]!.GetValue<int>();

    public static string MessageEncoding => Queues.Value["messageEncoding"]!.GetValue<string>();
}
