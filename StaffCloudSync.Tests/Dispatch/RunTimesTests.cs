using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Dispatch;

/// <summary>The run time kept in a tenant's health, and the dispatch order it gives: longest first, new tenants before all.</summary>
public class RunTimesTests
{
    private static RunRecord Run(RunStatus status, int invocation = 1, bool dryRun = false) =>
        new() { TenantId = "acme", RunId = "r", StartedAt = Plans.Now, Status = status, Invocation = invocation, DryRun = dryRun };

    private static TenantRecord Tenant(string id, double? lastRunSeconds) =>
        new(id, Plans.DefaultTenant() with { TenantId = id }, [], null, default) { Health = TenantHealth.Healthy with { LastRunSeconds = lastRunSeconds } };

    [TestCase(RunStatus.Succeeded)]
    [TestCase(RunStatus.CompletedWithErrors)]
    [TestCase(RunStatus.DeletionsHeld)]
    public void AFinishedRun_SetsItsTime(RunStatus status)
    {
        var health = RunTimes.AfterRun(TenantHealth.Healthy with { LastRunSeconds = 99 }, Run(status), TimeSpan.FromSeconds(12.5));
        Assert.That(health.LastRunSeconds, Is.EqualTo(12.5));
        Assert.That(health.ChainRunSeconds, Is.Null);
    }

    [Test]
    public void AChain_CountsAllItsInvocations_AndOnlyTheFinishedChainSetsTheTime()
    {
        var health = TenantHealth.Healthy with { LastRunSeconds = 5, ChainRunSeconds = 1000 };

        health = RunTimes.AfterRun(health, Run(RunStatus.Continued, 1), TimeSpan.FromSeconds(600));
        Assert.That((health.LastRunSeconds, health.ChainRunSeconds), Is.EqualTo(((double?)5, (double?)600)), "a new chain starts from nothing; the last figure stays meanwhile");
        health = RunTimes.AfterRun(health, Run(RunStatus.Continued, 2), TimeSpan.FromSeconds(600));
        health = RunTimes.AfterRun(health, Run(RunStatus.Succeeded, 3), TimeSpan.FromSeconds(30));

        Assert.That(health.LastRunSeconds, Is.EqualTo(1230));
        Assert.That(health.ChainRunSeconds, Is.Null);
    }

    [Test]
    public void AFailedRun_KeepsTheLastFinishedTime_AndEndsItsChain()
    {
        var health = RunTimes.AfterRun(TenantHealth.Healthy with { LastRunSeconds = 40, ChainRunSeconds = 600 }, Run(RunStatus.Failed, 2), TimeSpan.FromSeconds(1));
        Assert.That((health.LastRunSeconds, health.ChainRunSeconds), Is.EqualTo(((double?)40, (double?)null)));
    }

    [TestCase(RunStatus.Skipped, false)]
    [TestCase(RunStatus.Succeeded, true)]
    public void ADryOrSkippedRun_LeavesTheTimesAlone(RunStatus status, bool dryRun)
    {
        var before = TenantHealth.Healthy with { LastRunSeconds = 40 };
        Assert.That(RunTimes.AfterRun(before, Run(status, dryRun: dryRun), TimeSpan.FromSeconds(1)), Is.SameAs(before));
    }

    [Test]
    public void LiftingAQuarantine_KeepsTheRunTime()
    {
        var sick = new TenantHealth(3, Plans.Now, "Authentication", null) { LastRunSeconds = 40 };
        var after = QuarantinePolicy.AfterRun(sick, Run(RunStatus.Succeeded), Plans.Now, 3);
        Assert.That(after, Is.EqualTo(TenantHealth.Healthy with { LastRunSeconds = 40 }));
    }

    [Test]
    public void Order_NewTenantsFirst_ThenLongestFirst_TiesInTableOrder()
    {
        var rows = new[] { Tenant("a", 10), Tenant("b", null), Tenant("c", 300), Tenant("d", 10), Tenant("e", 0), Tenant("f", null), Tenant("g", 300.5) };
        Assert.That(DispatchOrder.Of(rows).Select(t => t.TenantId), Is.EqualTo(new[] { "b", "f", "g", "c", "a", "d", "e" }));
    }
}
