using System.Text.Json.Nodes;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// App settings for the worker process as environment variables (<c>Section__Key</c>), starting from
/// <c>local.settings.sample.json</c>: the file an operator copies, so the sample itself is what is proven to start.
/// </summary>
internal static class WorkerSettings
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> SampleValues = new(ReadSample);

    /// <summary>Every setting name the sample lists.</summary>
    public static IEnumerable<string> SampleNames => SampleValues.Value.Keys;

    /// <summary>The sample's values, unchanged.</summary>
    public static Dictionary<string, string> Sample() => new(SampleValues.Value, StringComparer.Ordinal);

    /// <summary>
    /// The sample pointed at a running sandbox: its Azurite, its simulators, its tables and its tenants' made-up
    /// secrets (the names the tenants' settings give), so the worker process runs against what the test sees.
    /// </summary>
    public static Dictionary<string, string> ForSandbox(
        SandboxEnvironment sandbox, string storageConnectionString, IReadOnlyDictionary<string, string?> tables, IEnumerable<SandboxTenant> tenants)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(tenants);
        var settings = Sample();
        settings["AzureWebJobsStorage"] = storageConnectionString;
        settings["StaffCloud__BaseAddressOverride"] = sandbox.StaffCloud.BaseAddressTemplate;
        settings["MobieTrain__BaseUrl"] = sandbox.MobieTrain.BaseAddress.ToString();

        // The simulator has no rate limit, as in every sandbox run.
        settings["MobieTrain__RequestsPerSecond"] = "0";
        foreach (var (key, value) in tables)
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;
        }

        foreach (var tenant in tenants)
        {
            settings[$"Secrets__Values__{tenant.Settings.EffectiveStaffCloudTokenSecret}"] = tenant.StaffCloudToken;
            settings[$"Secrets__Values__{tenant.Settings.MobieTrainApiKeySecret}"] = tenant.MobieTrainApiKey;
            settings[$"Secrets__Values__{tenant.Settings.EffectiveWebhookSecret}"] = tenant.WebhookSecret;
        }

        return settings;
    }

    private static IReadOnlyDictionary<string, string> ReadSample()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!;
        return sample["Values"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }
}
