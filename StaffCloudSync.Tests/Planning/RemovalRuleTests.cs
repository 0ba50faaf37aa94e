using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "One tenant's run, in order": rules 1 and 2, deactivated employees removed and stale invitations expired.</summary>
public class RemovalRuleTests
{
    [TestCase(5, "status 5")]
    [TestCase(6, "status 6")]
    public void Rule1_DeactivatedEmployee_UserAndEveryInvitationRemoved(int status, string cause)
    {
        var plan = new Plans().Employee(5, status).User("5").Invitation("5", id: "i5a").Invitation("5", id: "i5b").Plan();
        Assert.That(plan.Single<RemoveUserAction>().UserId, Is.EqualTo("u5"));
        Assert.That(plan.All<RemoveInvitationAction>().Select(a => a.InvitationId), Is.EquivalentTo(new[] { "i5a", "i5b" }));
        Assert.That(plan.Single<RemoveUserAction>().Why, Does.Contain(cause));
        Assert.That(plan.Actions.Select(a => a.Rule).Distinct(), Is.EqualTo(new[] { SyncRule.DeactivatedRemoved }));
    }

    [Test]
    public void Rule1_HardDeletedEmployee_NotReturnedByStaffCloud_IsRemoved()
    {
        var plan = new Plans().User("8").HardDeleted(8).Plan();
        Assert.That(plan.Single<RemoveUserAction>().Why, Does.Contain("single read answered 404"));
    }

    [Test]
    public void Rule1_DeactivatedEmployeeWithConfirmedEvents_IsRemovedNotUpdated()
    {
        var plan = new Plans().Event(10).Employee(5, status: 5).Assignment(5, 10).User("5").Plan();
        Assert.That(plan.Actions.Select(a => a.Kind), Is.EqualTo(new[] { "removeUser" }));
    }

    [Test]
    public void Rule1_DeactivatedEmployeesStaleInvitation_IsRemovedUnderRule1NotExpired()
    {
        var plan = new Plans().Employee(5, status: 5).Invitation("5", createdAt: Plans.Now.AddYears(-1)).Plan();
        Assert.That(plan.Single<RemoveInvitationAction>(), Is.Not.Null);
        Assert.That(plan.All<ExpireInvitationAction>(), Is.Empty);
    }

    [Test]
    public void Rule2_StaleInvitation_IsRemoved_AndNotReinvitedInTheSameRun()
    {
        var createdAt = Plans.Now.AddMonths(-6);
        var plan = new Plans().Eligible(10).Invitation("10", createdAt: createdAt).Plan();
        Assert.That(plan.Single<ExpireInvitationAction>().CreatedAt, Is.EqualTo(createdAt));
        Assert.That(plan.All<InviteAction>(), Is.Empty);
        Assert.That(plan.All<UpdateInvitationAction>(), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Rule2_StaleInvitationOfAnEmployeeWithStatus0To3_IsExpiredToo(int status)
    {
        var plan = new Plans().Employee(10, status: status).Invitation("10", createdAt: Plans.Now.AddMonths(-7)).Plan();
        Assert.That(plan.Actions.Select(a => a.Kind), Is.EqualTo(new[] { "expireInvitation" }), "rule 8 leaves them alone, but rule 2 names only rule 1 as its exception");
    }

    [Test]
    public void Rule2_InvitationWithoutCreatedAt_IsNeverStale()
    {
        var plan = new Plans().Employee(10, status: 2).InvitationWithoutCreatedAt("10").Eligible(11).InvitationWithoutCreatedAt("11").Plan();
        Assert.That(plan.All<ExpireInvitationAction>(), Is.Empty);
    }

    // Run at 2026-03-01 02:00 UTC minus 6 months = 2025-09-01 02:00.
    [TestCase("2025-09-01T02:00:00Z", true)]
    [TestCase("2025-09-01T02:00:01Z", false)]
    [TestCase("2025-08-31T10:00:00Z", true)]
    public void Rule2_StaleIsCreatedAtOnOrBeforeRunMinusMaxAgeMonths(string createdAt, bool stale)
    {
        var plan = new Plans().Eligible(10).Invitation("10", createdAt: DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture), groups: "g10")
            .EventGroup(10).Plan();
        Assert.That(plan.All<ExpireInvitationAction>(), stale ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [Test]
    public void Rule2_CalendarMonthsClampToTheMonthsLastDay()
    {
        // 2026-08-31 minus 6 months is 2026-02-28 (clamped), as DateTimeOffset.AddMonths computes it.
        var now = new DateTimeOffset(2026, 8, 31, 2, 0, 0, TimeSpan.Zero);
        var onBound = new Plans().Event(10, start: "2026-09-01 08:00:00", end: "2026-09-01 10:00:00").Employee(10).Assignment(10, 10)
            .Invitation("10", createdAt: new DateTimeOffset(2026, 2, 28, 2, 0, 0, TimeSpan.Zero)).Plan(now);
        var after = new Plans().Event(10, start: "2026-09-01 08:00:00", end: "2026-09-01 10:00:00").Employee(10).Assignment(10, 10)
            .Invitation("10", createdAt: new DateTimeOffset(2026, 2, 28, 2, 0, 1, TimeSpan.Zero)).Plan(now);
        Assert.That(onBound.All<ExpireInvitationAction>(), Has.Count.EqualTo(1));
        Assert.That(after.All<ExpireInvitationAction>(), Is.Empty);
    }

    [Test]
    public void Rule2_MaxAgeIsTheTenantSetting()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { InvitationMaxAgeMonths = 1 } };
        var plan = plans.Eligible(10).Invitation("10", createdAt: Plans.Now.AddMonths(-1)).Plan();
        Assert.That(plan.All<ExpireInvitationAction>(), Has.Count.EqualTo(1));
    }
}
