using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Tests.Engine;

/// <summary>The <c>Sync</c> section's ranges, each bound's edge, as an operator writes the app settings.</summary>
public sealed class SyncOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(params (string Setting, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Setting.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        var options = new SyncOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(SyncOptions.SectionName).Bind(options);
        return new SyncOptionsValidator().Validate(null, options);
    }

    [Test]
    public void Defaults_Pass()
    {
        Assert.That(Validate().Succeeded, Is.True);
    }

    [TestCase("Sync__RunTimeBudget", "00:00:01")]
    [TestCase("Sync__RunTimeBudget", "00:30:00")]
    [TestCase("Sync__MaxParallelWrites", "1")]
    [TestCase("Sync__MaxParallelWrites", "64")]
    public void Setting_AtTheEdgeOfItsRange_Passes(string setting, string value)
    {
        var result = Validate((setting, value));

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("Sync__RunTimeBudget", "00:00:00.999", "between 00:00:01 and 00:30:00")]
    [TestCase("Sync__RunTimeBudget", "00:30:00.001", "between 00:00:01 and 00:30:00")]
    [TestCase("Sync__MaxParallelWrites", "0", "between 1 and 64")]
    [TestCase("Sync__MaxParallelWrites", "65", "between 1 and 64")]
    public void Setting_JustOutsideItsRange_FailsNamingTheSettingAndTheRange(string setting, string value, string range)
    {
        var result = Validate((setting, value));

        var key = setting.Replace("__", ":", StringComparison.Ordinal);
        Assert.That(result.Failures, Has.Exactly(1).Items.And.All.StartsWith($"{key} (app setting {setting}) must be {range}"));
    }

    [Test]
    public void RunTimeBudget_OfZero_FailsNamingTheSetting()
    {
        var result = Validate(("Sync__RunTimeBudget", "0"));

        Assert.That(result.FailureMessage, Is.EqualTo("Sync:RunTimeBudget (app setting Sync__RunTimeBudget) must be between 00:00:01 and 00:30:00 " +
            "(at most the Functions timeout, functionTimeout in host.json); it is 00:00:00."));
    }

    [Test]
    public void EveryValueOutOfRange_IsReportedAtOnce()
    {
        var result = Validate(
            ("Sync__RunTimeBudget", "0"),
            ("Sync__MaxParallelWrites", "0"));

        Assert.That(result.Failures, Has.Exactly(2).Items);
    }
}
