using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Functions.Hosting;
using StaffCloudSync.Tests.WorkerProcess;

namespace StaffCloudSync.Tests.Settings;

/// <summary>
/// Issue 22: a setting that became a constant fails the whole app's start-up when it is still configured, naming the
/// key in both spellings and saying it is gone, rather than being silently ignored; and it really is no setting any
/// more (the binder cannot set it, the sample does not list it).
/// </summary>
public sealed class RemovedSettingsTests
{
    private static readonly (string Section, Type Options, IReadOnlyList<RemovedSetting> Removed)[] Sections =
    [
        (StaffCloudOptions.SectionName, typeof(StaffCloudOptions), StaffCloudOptions.RemovedSettings),
        (MobieTrainOptions.SectionName, typeof(MobieTrainOptions), MobieTrainOptions.RemovedSettings),
        (SyncOptions.SectionName, typeof(SyncOptions), SyncOptions.RemovedSettings),
        (QuarantineOptions.SectionName, typeof(QuarantineOptions), QuarantineOptions.RemovedSettings),
        (KeyVaultOptions.SectionName, typeof(KeyVaultOptions), KeyVaultOptions.RemovedSettings),
        (StorageOptions.SectionName, typeof(StorageOptions), StorageOptions.RemovedSettings),
    ];

    private static IEnumerable<string> RemovedKeys() => Sections.SelectMany(s => s.Removed.Select(r => $"{s.Section}:{r.Key}"));

    private static ServiceProvider BuildApp(IEnumerable<KeyValuePair<string, string?>> extra)
    {
        // The sample as the Functions host reads it ("__" is the separator), plus the removed key.
        var values = WorkerSettings.Sample().ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddWorkerTelemetry(configuration).AddStaffCloudSync(configuration);
        return services.BuildServiceProvider();
    }

    [Test]
    public void TheSample_StartsTheApp()
    {
        using var provider = BuildApp([]);

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [TestCaseSource(nameof(RemovedKeys))]
    public void ARemovedSetting_StillConfigured_FailsStartUp_NamingItAndSayingItIsGone(string key)
    {
        using var provider = BuildApp([new(key, "1")]);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.Contain($"{key} (app setting {key.Replace(":", "__", StringComparison.Ordinal)}) is set, but that setting is gone: it is now")
            .Or.Contain($"{key} (app setting {key.Replace(":", "__", StringComparison.Ordinal)}) is set, but that setting is gone: StaffCloud is always asked"));
    }

    [Test]
    public void SeveralRemovedSettings_AreReportedAtOnce()
    {
        using var provider = BuildApp([new("Sync:EventReadMargin", "2.00:00:00"), new("Quarantine:RetryInterval", "01:00:00")]);

        // Two sections fail, so the start-up validator reports both in one AggregateException.
        var failure = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.Contain("Sync:EventReadMargin (app setting Sync__EventReadMargin) is set, but that setting is gone")
            .And.Contain("Quarantine:RetryInterval (app setting Quarantine__RetryInterval) is set, but that setting is gone"));
    }

    [Test]
    public void NoRemovedSetting_IsStillAPublicOptionsProperty_NorInTheSample()
    {
        var stillBindable = Sections.SelectMany(s => s.Removed
            .Where(r => !r.Key.Contains(':', StringComparison.Ordinal))
            .Where(r => s.Options.GetProperty(r.Key, BindingFlags.Public | BindingFlags.Instance) is not null)
            .Select(r => $"{s.Section}:{r.Key}"));
        var inSample = WorkerSettings.SampleNames.Select(n => n.Replace("__", ":", StringComparison.Ordinal))
            .Where(n => RemovedKeys().Contains(n, StringComparer.OrdinalIgnoreCase));

        Assert.Multiple(() =>
        {
            Assert.That(stillBindable, Is.Empty, "the binder would set it while start-up refuses it");
            Assert.That(inSample, Is.Empty, "local.settings.sample.json still lists it");
        });
    }
}
