using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Functions.Functions;
using StaffCloudSync.Functions.Hosting;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// Every setting the app reads is deployed, and nothing else. The required set is derived from
/// local.settings.sample.json (the one list of the app's settings), minus what is local-only, with the local forms
/// mapped to their Azure forms; then the deployed names are checked against the options classes the app binds, and
/// the deployed values are run through the app's own start-up validation.
/// </summary>
public class InfraAppSettingsTests
{
    /// <summary>Settings of the sample that are deliberately not deployed, each with why.</summary>
    private static readonly Dictionary<string, string> NotDeployed = new(StringComparer.Ordinal)
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "Flex Consumption sets the runtime in functionAppConfig.runtime and refuses it as an app setting",
        ["StaffCloud__AllowBaseAddressOverride"] = "development and sandbox only: in Azure the StaffCloud host is always https://<tenant>.staff.cloud",
        ["StaffCloud__BaseAddressOverride"] = "development and sandbox only (with the setting above)",
        ["Sync__MaxParallelWrites"] = "optional tuning: the code's default (8) applies",
        ["Dispatch__LeaseDuration"] = "optional tuning: the code's default (35 min) applies",
        ["Sync__RunTimeBudget"] = "optional tuning: the code's default (25 min, under the 30 min functionTimeout and the 35 min lease) applies",
        ["MobieTrain__RequestsPerSecond"] = "optional tuning: the code's default (24, just under the 25 per second planned for) applies",
        ["Storage__NamePrefix"] = "no prefix: the code's default names match the tables and the container the template creates",
    };

    /// <summary>Prefixes of the sample's settings that are not deployed, with why.</summary>
    private static readonly Dictionary<string, string> NotDeployedPrefixes = new(StringComparer.Ordinal)
    {
        ["Secrets__Values__"] = "local secret values for the Configuration provider: in Azure the secrets are in Key Vault",
    };

    /// <summary>Settings whose local form becomes other settings in Azure, with why.</summary>
    private static readonly Dictionary<string, string[]> AzureForms = new(StringComparer.Ordinal)
    {
        // A connection string locally (Azurite); identity-based in Azure: no key exists (allowSharedKeyAccess false).
        ["AzureWebJobsStorage"] = ["AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId"],
        // Application Insights refuses the instrumentation key alone (DisableLocalAuth): the host authenticates with the identity.
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"],
        // Developer sign-in locally; in Azure the managed identity, and a user-assigned one must be named.
        ["KeyVault__Credential"] = ["KeyVault__Credential", "KeyVault__ManagedIdentityClientId"],
    };

    /// <summary>Values that differ on purpose between the sample (local) and Azure.</summary>
    private static readonly Dictionary<string, string> AzureValues = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage__credential"] = "managedidentity",
        ["Secrets__Provider"] = "KeyVault",
        ["KeyVault__Credential"] = "ManagedIdentity",
    };

    /// <summary>The options classes the app binds, by configuration section.</summary>
    private static readonly Dictionary<string, Type> BoundSections = new(StringComparer.OrdinalIgnoreCase)
    {
        [SecretsOptions.SectionName] = typeof(SecretsOptions),
        [KeyVaultOptions.SectionName] = typeof(KeyVaultOptions),
        [StaffCloudOptions.SectionName] = typeof(StaffCloudOptions),
        [MobieTrainOptions.SectionName] = typeof(MobieTrainOptions),
        [SyncOptions.SectionName] = typeof(SyncOptions),
        [DispatchOptions.SectionName] = typeof(DispatchOptions),
        [StorageOptions.SectionName] = typeof(StorageOptions),
    };

    /// <summary>The identity-based keys under AzureWebJobsStorage that StorageOptions.ReadFrom (and the host) read.</summary>
    private static readonly string[] StorageConnectionKeys = ["accountName", "tableServiceUri", "queueServiceUri", "blobServiceUri", "credential", "clientId"];

    private static Dictionary<string, string> Sample() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject()
            .ToDictionary(v => v.Key, v => v.Value!.GetValue<string>(), StringComparer.Ordinal);

    private static bool IsNotDeployed(string key) =>
        NotDeployed.ContainsKey(key) || NotDeployedPrefixes.Keys.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The settings Azure must have: the sample's, minus the local-only ones, in their Azure form.</summary>
    private static SortedSet<string> Required() =>
        new(Sample().Keys.Where(key => !IsNotDeployed(key)).SelectMany(key => AzureForms.TryGetValue(key, out var forms) ? forms : [key]), StringComparer.Ordinal);

    [Test]
    public void DeployedSettings_AreExactlyTheRequiredOnes()
    {
        var deployed = new SortedSet<string>(InfraAppSettings.Read().Keys, StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(Required().Except(deployed), Is.Empty, "read by the app but not deployed");
            Assert.That(deployed.Except(Required()), Is.Empty, "deployed but not in local.settings.sample.json (add it there, or explain it here)");
        });
    }

    [Test]
    public void TheExclusions_AreStillInTheSample()
    {
        var sample = Sample();

        Assert.Multiple(() =>
        {
            Assert.That(NotDeployed.Keys.Except(sample.Keys), Is.Empty, "an exclusion for a setting the sample no longer has");
            Assert.That(NotDeployedPrefixes.Keys.Where(prefix => !sample.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal))), Is.Empty);
            Assert.That(AzureForms.Keys.Except(sample.Keys), Is.Empty);
        });
    }

    [Test]
    public void LocalOnlySettings_AreNotDeployed_NotEvenTheStaffCloudOverride()
    {
        var deployed = InfraAppSettings.Read().Keys;

        Assert.That(deployed.Where(IsNotDeployed), Is.Empty);
    }

    [Test]
    public void DeployedNames_AreKeysTheAppBinds()
    {
        var unknown = new List<string>();
        foreach (var key in InfraAppSettings.Read().Keys)
        {
            var parts = key.Split("__");
            var known = parts switch
            {
                ["AzureWebJobsStorage", var setting] => StorageConnectionKeys.Contains(setting, StringComparer.Ordinal),
                [var section, var property] when BoundSections.TryGetValue(section, out var options) =>
                    options.GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not null,
                // Read by the Functions host and the Application Insights SDK by these exact names.
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] or ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] => true,
                // The host's request body limit (InfraRequestBodyLimitTests).
                ["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"] => true,
                // The worker's log filter: its host builder binds the Logging section (WorkerLogLevelTests).
                ["Logging", "LogLevel", _] => true,
                ["SyncSchedule"] => TimerSchedule() == "%SyncSchedule%",
                _ => false,
            };
            if (!known)
            {
                unknown.Add(key);
            }
        }

        Assert.That(unknown, Is.Empty, "app settings no options class, the host or the timer reads");
    }

    [Test]
    public void Values_AreTheAzureOnes_OrTheSamplesWhereTheyAgree()
    {
        var app = InfraBuild.Main.AllOfType("Microsoft.Web/sites").Single();
        var deployed = InfraAppSettings.Read(app);

        Assert.Multiple(() =>
        {
            foreach (var (key, value) in AzureValues)
            {
                Assert.That(deployed[key], Is.EqualTo(value), key);
            }

            Assert.That(deployed["SyncSchedule"], Is.EqualTo("[parameters('syncSchedule')]"));
            // The worker logs at the same levels in Azure as locally.
            var levels = deployed.Where(s => s.Key.StartsWith("Logging__", StringComparison.Ordinal)).ToList();
            Assert.That(levels, Is.Not.Empty);
            Assert.That(levels, Is.All.Matches<KeyValuePair<string, string>>(s => Sample()[s.Key] == s.Value));
            Assert.That(InfraBuild.Main.Root["parameters"]!["syncSchedule"]!["defaultValue"]!.GetValue<string>(), Is.EqualTo(Sample()["SyncSchedule"]));
            // The vault and the account this template creates, as their modules report them.
            Assert.That(deployed["KeyVault__VaultUri"], Is.EqualTo("[parameters('keyVaultUri')]"));
            Assert.That(app.Template.PassedParameter("keyVaultUri"), Does.Contain("'keyvault'").And.EndsWith(".outputs.uri.value]"));
            Assert.That(deployed["AzureWebJobsStorage__accountName"], Is.EqualTo("[parameters('storageAccountName')]"));
            Assert.That(app.Template.PassedParameter("storageAccountName"), Does.Contain("'storage'").And.EndsWith(".outputs.name.value]"));
        });
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public async Task TheAppStarts_WithTheDeployedSettings(string environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AsDeployed(environment)).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddWorkerTelemetry(configuration).AddStaffCloudSync(configuration);

        // What Program.cs builds and validates at start-up, as FunctionsContainerTests does with the sample.
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.DoesNotThrow(() => provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        var storage = new StorageOptions();
        storage.ReadFrom(configuration);
        Assert.Multiple(() =>
        {
            Assert.That(storage.UsesConnectionString, Is.False);
            Assert.That(storage.TableServiceUri, Is.EqualTo($"https://{StorageAccount}.table.core.windows.net"));
            Assert.That(storage.QueueServiceUri, Is.EqualTo($"https://{StorageAccount}.queue.core.windows.net"));
            Assert.That(storage.ClientId, Is.EqualTo(ClientId));
        });
    }

    private const string StorageAccount = "stexample";
    private const string ClientId = "00000000-0000-0000-0000-0000000000c1";

    /// <summary>
    /// The deployed settings as the app would see them: values passed straight down from a parameter file are
    /// taken from it; values only known after deployment (the account's name, the identity's client id, the vault's
    /// URI) get stand-ins of the same shape.
    /// </summary>
    private static Dictionary<string, string?> AsDeployed(string environment)
    {
        var app = InfraBuild.Main.AllOfType("Microsoft.Web/sites").Single();
        var parameters = environment == "dev" ? InfraBuild.DevParameters : InfraBuild.ProdParameters;
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in InfraAppSettings.Read(app))
        {
            string? resolved;
            if (!value.StartsWith('['))
            {
                resolved = value;
            }
            else if (app.Template.MainParameterBehind(value) is { } parameter)
            {
                resolved = parameters[parameter]?["value"]?.GetValue<string>()
                    ?? InfraBuild.Main.Root["parameters"]![parameter]!["defaultValue"]!.GetValue<string>();
            }
            else
            {
                resolved = key switch
                {
                    "AzureWebJobsStorage__accountName" => StorageAccount,
                    "AzureWebJobsStorage__clientId" or "KeyVault__ManagedIdentityClientId" => ClientId,
                    "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" => $"ClientId={ClientId};Authorization=AAD",
                    "KeyVault__VaultUri" => "https://kv-example.vault.azure.net/",
                    // Read by the telemetry SDK only; empty as in the sample, so nothing is sent from a test.
                    "APPLICATIONINSIGHTS_CONNECTION_STRING" => "",
                    _ => throw new AssertionException($"No stand-in for the deployed value of {key}: {value}"),
                };
            }

            // The Functions host turns "__" into the configuration separator.
            result[key.Replace("__", ":", StringComparison.Ordinal)] = resolved;
        }

        return result;
    }

    private static string? TimerSchedule() =>
        typeof(ScheduledDispatch).GetMethod(nameof(ScheduledDispatch.RunAsync))!.GetParameters()
            .Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!.Schedule;
}
