using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Tests.Planning;

/// <summary>The words of sync-rules.md as <see cref="Definitions"/> codes them, the one place the reader, planner and explainer ask.</summary>
public class DefinitionsCodeTests
{
    [TestCase(4, true)]
    [TestCase(3, false)]
    [TestCase(5, false)]
    [TestCase(null, false)]
    public void IsActive_OnlyStatus4(int? status, bool active) =>
        Assert.That(Definitions.IsActive(status), Is.EqualTo(active));

    [TestCase(5, true)]
    [TestCase(6, true)]
    [TestCase(4, false)]
    [TestCase(null, false)]
    public void IsDeactivatedStatus_Status5Or6(int? status, bool deactivated) =>
        Assert.That(Definitions.IsDeactivatedStatus(status), Is.EqualTo(deactivated));

    [TestCase(7, true)]
    [TestCase(6, false)]
    [TestCase(null, false)]
    public void IsConfirmed_OnlyStatus7(int? status, bool confirmed) =>
        Assert.That(Definitions.IsConfirmed(new StaffCloudAssignment(1, 2, 3, status, null, null)), Is.EqualTo(confirmed));

    [Test]
    public void IsCurrentOrFuture_ActiveAndEndingAfterTheRun_InTheTenantsWallClock()
    {
        var zurich = TenantTimeZone.Resolve("Europe/Zurich");

        // 03:30 in Zurich is 02:30 UTC, after the run at 02:00 UTC; 02:30 in Zurich (01:30 UTC) is before it.
        Assert.That(Definitions.IsCurrentOrFuture(new StaffCloudEvent(1, "a", 2, null, new DateTime(2026, 3, 1, 3, 30, 0)), zurich, Plans.Now), Is.True);
        Assert.That(Definitions.IsCurrentOrFuture(new StaffCloudEvent(1, "a", 2, null, new DateTime(2026, 3, 1, 2, 30, 0)), zurich, Plans.Now), Is.False);
        Assert.That(Definitions.IsCurrentOrFuture(new StaffCloudEvent(1, "a", 2, new DateTime(2026, 3, 2, 0, 0, 0), null), zurich, Plans.Now), Is.True);
        Assert.That(Definitions.IsCurrentOrFuture(new StaffCloudEvent(1, "a", 3, null, new DateTime(2026, 3, 2, 0, 0, 0)), zurich, Plans.Now), Is.False);
        Assert.That(Definitions.IsCurrentOrFuture(new StaffCloudEvent(1, "a", 2, null, null), zurich, Plans.Now), Is.False);
    }

    [TestCase(4, 1, true)]
    [TestCase(4, 0, false)]
    [TestCase(5, 2, false)]
    public void IsEligible_ActiveWithACurrentConfirmedEvent(int? status, int currentEvents, bool eligible) =>
        Assert.That(Definitions.IsEligible(status, currentEvents), Is.EqualTo(eligible));
}
