using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core;
using StaffCloudSync.Functions.Hosting;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Functions;

/// <summary>
/// The Functions app's container as Program.cs builds it, from local.settings.sample.json's values: it builds,
/// every function class resolves, and a missing required setting stops start-up with a message naming it.
/// </summary>
public class FunctionsContainerTests
{
    private static Dictionary<string, string?> SampleSettings()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        // The Functions host turns "__" in a setting's name into the configuration separator.
        return values.ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value!.GetValue<string>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();

        // What the Functions host registers before Program.cs adds its own.
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddWorkerTelemetry(configuration).AddStaffCloudSync(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    private static IEnumerable<Type> FunctionClasses() =>
        typeof(TelemetryServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));

    [Test]
    public async Task Container_BuildsFromTheSampleSettings_AndEveryFunctionResolves()
    {
        await using var provider = Build(SampleSettings());

        var functions = FunctionClasses().Select(t => ActivatorUtilities.CreateInstance(provider, t)).ToList();

        Assert.That(functions, Has.Count.EqualTo(11), "the eight of before, StaffCloudNotification, CheckTenant and RunResultsCsv");
    }

    [TestCase("AzureWebJobsStorage", "AzureWebJobsStorage")]
    [TestCase("MobieTrain:BaseUrl", "MobieTrain:BaseUrl")]
    [TestCase("Secrets:Provider", null)]
    public void MissingRequiredSetting_StopsStartUp_NamingIt(string setting, string? named)
    {
        var settings = SampleSettings();
        settings.Remove(setting);
        if (named is null)
        {
            // Without a provider the secret store is Key Vault, which then needs its vault.
            named = "KeyVault:VaultUri";
        }

        var error = Assert.CatchAsync(async () => await Build(settings).DisposeAsync());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>().Or.InstanceOf<AggregateException>());
        Assert.That(error!.ToString(), Does.Contain(named));
    }

    [Test]
    public void StaffCloudOverrideWithoutTheExplicitSetting_IsRefusedAtStartUp()
    {
        var settings = SampleSettings();
        settings.Remove("StaffCloud:AllowBaseAddressOverride");

        var error = Assert.CatchAsync(async () => await Build(settings).DisposeAsync());

        Assert.That(error!.ToString(), Does.Contain("BaseAddressOverride"));
    }
}
