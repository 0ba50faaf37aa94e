using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Tests.Dispatch;

/// <summary><c>Dispatch:LeaseDuration</c>'s range, each edge, and the run time budget's fit under it.</summary>
public sealed class DispatchOptionsValidatorTests
{
    private const string Lease = "Dispatch:LeaseDuration (app setting Dispatch__LeaseDuration)";
    private const string Budget = "Sync:RunTimeBudget (app setting Sync__RunTimeBudget)";

    private static ValidateOptionsResult Validate(string lease, string? budget = null)
    {
        var sync = budget is null ? null : Options.Create(new SyncOptions { RunTimeBudget = TimeSpan.Parse(budget, CultureInfo.InvariantCulture) });
        return new DispatchOptionsValidator(sync).Validate(null, new DispatchOptions { LeaseDuration = TimeSpan.Parse(lease, CultureInfo.InvariantCulture) });
    }

    [Test]
    public void Defaults_Pass()
    {
        Assert.That(new DispatchOptionsValidator(Options.Create(new SyncOptions())).Validate(null, new DispatchOptions()).Succeeded, Is.True);
    }

    [TestCase("00:30:00.001")]
    [TestCase("06:00:00")]
    public void LeaseDuration_AtTheEdgeOfItsRange_Passes(string lease)
    {
        var result = Validate(lease);

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("00:00:59")]
    [TestCase("00:30:00")]
    [TestCase("06:00:00.001")]
    public void LeaseDuration_JustOutsideItsRange_FailsNamingTheSettingAndTheRange(string lease)
    {
        var result = Validate(lease);

        Assert.That(result.Failures, Has.Exactly(1).Items.And.All.StartsWith(
            $"{Lease} must be longer than the Functions timeout (functionTimeout in host.json, 00:30:00) and at most 06:00:00; it is "));
    }

    [Test]
    public void RunTimeBudget_AtTheFunctionsTimeout_Passes()
    {
        Assert.That(Validate("00:35:00", budget: "00:30:00").Succeeded, Is.True);
    }

    [Test]
    public void RunTimeBudget_JustOverTheFunctionsTimeout_FailsNamingBothSettings()
    {
        var result = Validate("06:00:00", budget: "00:30:00.001");

        Assert.That(result.Failures, Has.Exactly(1).Items.And.All.StartsWith(
            $"{Budget} must be shorter than {Lease} (06:00:00) and at most the Functions timeout (00:30:00); it is 00:30:00.0010000"));
    }

    [Test]
    public void LeaseAndBudget_BothWrong_AreReportedAtOnce()
    {
        var result = Validate("06:00:00.001", budget: "00:40:00");

        Assert.That(result.Failures, Has.Exactly(2).Items);
    }

    [Test]
    public void RunTimeBudget_AgainstARefusedLease_IsNotReportedAgain()
    {
        var result = Validate("00:10:00", budget: "00:25:00");

        Assert.That(result.Failures, Has.Exactly(1).Items.And.All.StartsWith(Lease));
    }

    [Test]
    public void StartUp_WithRunTimeBudgetOfZero_ReportsItOnce_BySyncOptionsValidator()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sync:RunTimeBudget"] = "0" }).Build();
        using var provider = new ServiceCollection().AddSyncEngine(configuration).AddDispatch(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Failures, Is.EqualTo(new[]
        {
            $"{Budget} must be between 00:00:01 and 00:30:00 (at most the Functions timeout, functionTimeout in host.json); it is 00:00:00.",
        }));
    }
}
