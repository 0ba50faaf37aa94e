using Microsoft.Extensions.Configuration;
using StaffCloudSync.Core.Http;

namespace StaffCloudSync.Tests.Http;

/// <summary>The <c>Resilience</c> sub-section both clients' validators add: each range's edge, named under its owner's section.</summary>
public sealed class HttpResilienceFailuresTests
{
    private static IReadOnlyList<string> Failures(params (string Setting, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (setting, value) in settings)
        {
            values[setting.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var options = new HttpResilienceOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("MobieTrain:Resilience").Bind(options);
        return HttpResilienceFailures.Of(options, "MobieTrain");
    }

    [Test]
    public void Defaults_Pass()
    {
        Assert.That(Failures(), Is.Empty);
    }

    [Test]
    public void MissingSubSection_FailsNamingIt()
    {
        Assert.That(HttpResilienceFailures.Of(null, "StaffCloud"), Is.EqualTo(new[] { "StaffCloud:Resilience (app setting StaffCloud__Resilience) is missing." }));
    }

    // The total timeout is raised first (a later setting wins), so that only the range under test decides.
    [TestCase("MobieTrain__Resilience__MaxRetries", "3")]
    [TestCase("MobieTrain__Resilience__MaxRetries", "10")]
    [TestCase("MobieTrain__Resilience__BaseDelay", "00:00:00")]
    [TestCase("MobieTrain__Resilience__BaseDelay", "00:01:00")]
    [TestCase("MobieTrain__Resilience__MaxRetryAfter", "00:00:00")]
    [TestCase("MobieTrain__Resilience__MaxRetryAfter", "00:10:00")]
    [TestCase("MobieTrain__Resilience__AttemptTimeout", "00:00:00.010")]
    [TestCase("MobieTrain__Resilience__AttemptTimeout", "00:10:00")]
    [TestCase("MobieTrain__Resilience__TotalTimeout", "00:30:00")]
    public void Setting_AtTheEdgeOfItsRange_Passes(string setting, string value)
    {
        Assert.That(Failures(("MobieTrain__Resilience__TotalTimeout", "00:30:00"), (setting, value)), Is.Empty);
    }

    [Test]
    public void TotalTimeout_AtItsLowestValue_IsInRange_ThoughNoAttemptFitsUnderIt()
    {
        var failures = Failures(("MobieTrain__Resilience__AttemptTimeout", "00:00:00.010"), ("MobieTrain__Resilience__TotalTimeout", "00:00:00.010"));

        Assert.That(failures, Has.Exactly(1).Items.And.All.Contains("must be shorter than"));
    }

    [TestCase("MobieTrain__Resilience__MaxRetries", "2", "between 3 and 10")]
    [TestCase("MobieTrain__Resilience__MaxRetries", "11", "between 3 and 10")]
    [TestCase("MobieTrain__Resilience__BaseDelay", "-00:00:00.001", "between 00:00:00 and 00:01:00")]
    [TestCase("MobieTrain__Resilience__BaseDelay", "00:01:00.001", "between 00:00:00 and 00:01:00")]
    [TestCase("MobieTrain__Resilience__MaxRetryAfter", "-00:00:00.001", "between 00:00:00 and 00:10:00")]
    [TestCase("MobieTrain__Resilience__MaxRetryAfter", "00:10:00.001", "between 00:00:00 and 00:10:00")]
    [TestCase("MobieTrain__Resilience__AttemptTimeout", "00:00:00.009", "between 00:00:00.0100000 and 00:10:00")]
    [TestCase("MobieTrain__Resilience__AttemptTimeout", "00:10:00.001", "between 00:00:00.0100000 and 00:10:00")]
    [TestCase("MobieTrain__Resilience__TotalTimeout", "00:30:00.001", "between 00:00:00.0100000 and 00:30:00")]
    public void Setting_JustOutsideItsRange_FailsNamingTheSettingAndTheRange(string setting, string value, string range)
    {
        var failures = Failures(("MobieTrain__Resilience__TotalTimeout", "00:30:00"), (setting, value));

        var key = setting.Replace("__", ":", StringComparison.Ordinal);
        Assert.That(failures, Has.Exactly(1).Items.And.All.StartsWith($"{key} (app setting {setting}) must be {range}; it is "));
    }

    [Test]
    public void TotalTimeout_JustUnderItsLowestValue_FailsNamingTheSetting()
    {
        var failures = Failures(("MobieTrain__Resilience__AttemptTimeout", "00:00:00.010"), ("MobieTrain__Resilience__TotalTimeout", "00:00:00.009"));

        Assert.That(failures, Has.Exactly(1).StartsWith(
            "MobieTrain:Resilience:TotalTimeout (app setting MobieTrain__Resilience__TotalTimeout) must be between 00:00:00.0100000 and 00:30:00; it is "));
    }

    [Test]
    public void AttemptTimeout_NotShorterThanTotalTimeout_FailsNamingBoth()
    {
        var failures = Failures(("MobieTrain__Resilience__AttemptTimeout", "00:04:00"), ("MobieTrain__Resilience__TotalTimeout", "00:04:00"));

        Assert.That(failures, Is.EqualTo(new[]
        {
            "MobieTrain:Resilience:AttemptTimeout (app setting MobieTrain__Resilience__AttemptTimeout) (00:04:00) must be shorter than " +
            "MobieTrain:Resilience:TotalTimeout (app setting MobieTrain__Resilience__TotalTimeout) (00:04:00), or no attempt could be retried.",
        }));
    }
}
