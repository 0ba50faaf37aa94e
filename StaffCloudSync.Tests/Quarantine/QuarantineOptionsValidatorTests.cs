using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Quarantine;

/// <summary>The <c>Quarantine</c> section's ranges, each bound's edge, as an operator writes the app settings.</summary>
public sealed class QuarantineOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(params (string Setting, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Setting.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        var options = new QuarantineOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(QuarantineOptions.SectionName).Bind(options);
        return new QuarantineOptionsValidator().Validate(null, options);
    }

    [Test]
    public void Defaults_Pass()
    {
        Assert.That(Validate().Succeeded, Is.True);
    }

    [TestCase("Quarantine__AfterFailures", "1")]
    [TestCase("Quarantine__AfterFailures", "100")]
    public void Setting_AtTheEdgeOfItsRange_Passes(string setting, string value)
    {
        var result = Validate((setting, value));

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("Quarantine__AfterFailures", "0", "between 1 and 100")]
    [TestCase("Quarantine__AfterFailures", "101", "between 1 and 100")]
    public void Setting_JustOutsideItsRange_FailsNamingTheSettingAndTheRange(string setting, string value, string range)
    {
        var result = Validate((setting, value));

        var key = setting.Replace("__", ":", StringComparison.Ordinal);
        Assert.That(result.Failures, Has.Exactly(1).Items.And.All.StartsWith($"{key} (app setting {setting}) must be {range}; it is "));
    }
}
