using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Quarantine;

/// <summary>The quarantine rules: which failures count, when a tenant is quarantined, when it is tried again.</summary>
public class QuarantinePolicyTests
{
    private static RunRecord Run(RunStatus status, SyncFailureKind? kind = null) =>
        new() { TenantId = "acme", RunId = "r", StartedAt = Plans.Now, Status = status, FailureKind = kind, Reason = kind?.ToString() };

    [TestCase(SyncFailureKind.Authentication, true)]
    [TestCase(SyncFailureKind.Configuration, true)]
    [TestCase(SyncFailureKind.MissingSecret, true)]
    [TestCase(SyncFailureKind.Unavailable, false)]
    [TestCase(SyncFailureKind.InvalidResponse, true)]
    [TestCase(SyncFailureKind.UnknownTenant, true)]
    public void OnlyFailuresARetryCannotFix_Count(SyncFailureKind kind, bool counts)
    {
        var health = QuarantinePolicy.AfterRun(TenantHealth.Healthy, Run(RunStatus.Failed, kind), Plans.Now, 3);
        Assert.That(health.ConsecutiveFailures, Is.EqualTo(counts ? 1 : 0));
    }

    [Test]
    public void ThirdFailureInARow_Quarantines_WithTheReason()
    {
        var health = TenantHealth.Healthy;
        for (var i = 0; i < 3; i++)
        {
            health = QuarantinePolicy.AfterRun(health, Run(RunStatus.Failed, SyncFailureKind.Authentication), Plans.Now.AddHours(12 * i), 3);
        }

        Assert.That(health.IsQuarantined, Is.True);
        Assert.That(health.QuarantinedAt, Is.EqualTo(Plans.Now.AddHours(24)));
        Assert.That(health.QuarantineReason, Is.EqualTo("Authentication"));
    }

    [TestCase(RunStatus.Succeeded)]
    [TestCase(RunStatus.CompletedWithErrors)]
    [TestCase(RunStatus.DeletionsHeld)]
    public void ACompletedRun_ClearsFailuresAndQuarantine(RunStatus status)
    {
        var sick = new TenantHealth(5, Plans.Now, "Authentication", Plans.Now);
        Assert.That(QuarantinePolicy.AfterRun(sick, Run(status), Plans.Now, 3), Is.EqualTo(TenantHealth.Healthy));
    }

    [TestCase(RunStatus.Skipped)]
    public void ASkippedRunOrATransientFailure_ChangesNothing(RunStatus status)
    {
        var health = new TenantHealth(2, null, null, null);
        Assert.That(QuarantinePolicy.AfterRun(health, Run(status), Plans.Now, 3), Is.EqualTo(health));
        Assert.That(QuarantinePolicy.AfterRun(health, Run(RunStatus.Failed, SyncFailureKind.Unavailable), Plans.Now, 3), Is.EqualTo(health));
    }

    [TestCase(0, false)]
    [TestCase(12, false)]
    [TestCase(23.6, true)]
    [TestCase(24, true)]
    public void Quarantined_IsDispatchedOnceADay(double hoursSinceLastAttempt, bool dispatch)
    {
        var health = new TenantHealth(3, Plans.Now.AddDays(-3), "Authentication", Plans.Now);
        Assert.That(QuarantinePolicy.ShouldDispatch(health, Plans.Now.AddHours(hoursSinceLastAttempt), TimeSpan.FromDays(1)), Is.EqualTo(dispatch));
        Assert.That(QuarantinePolicy.ShouldDispatch(TenantHealth.Healthy, Plans.Now, TimeSpan.FromDays(1)), Is.True);
    }
}
