using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "Words": each definition decides who is eligible, deactivated, synced or protected.</summary>
public class DefinitionTests
{
    [TestCase(0, false)]
    [TestCase(1, false)]
    [TestCase(2, false)]
    [TestCase(3, false)]
    [TestCase(4, true)]
    [TestCase(5, false)]
    [TestCase(6, false)]
    public void ActiveEmployee_IsStatus4_OnlyActiveOnesAreInvited(int status, bool invited)
    {
        var plan = new Plans().Event(10).Employee(1, status).Assignment(1, 10).Plan();
        Assert.That(plan.All<InviteAction>(), invited ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [TestCase(1, false)]
    [TestCase(3, false)]
    [TestCase(6, false)]
    [TestCase(7, true)]
    [TestCase(8, false)]
    public void ConfirmedAssignment_IsStatus7_NoOtherStatusCounts(int assignmentStatus, bool invited)
    {
        var plan = new Plans().Event(10).Employee(1).Assignment(1, 10, assignmentStatus).Plan();
        Assert.That(plan.All<InviteAction>(), invited ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [TestCase(1, false)]
    [TestCase(2, true)]
    [TestCase(3, false)]
    [TestCase(5, false)]
    public void CurrentOrFutureEvent_MustBeActiveStatus2(int eventStatus, bool invited)
    {
        var plan = new Plans().Event(10, status: eventStatus).Employee(1).Assignment(1, 10).Plan();
        Assert.That(plan.All<InviteAction>(), invited ? Has.Count.EqualTo(1) : Is.Empty);
    }

    // The run is at 02:00 UTC = 03:00 in Zurich (UTC+1 in March).
    [TestCase("Europe/Zurich", "2026-03-01 02:59:59", false)]
    [TestCase("Europe/Zurich", "2026-03-01 03:00:00", false)]
    [TestCase("Europe/Zurich", "2026-03-01 03:00:01", true)]
    [TestCase("UTC", "2026-03-01 02:30:00", true)]
    [TestCase("UTC", "2026-03-01 01:59:00", false)]
    [TestCase("Asia/Tokyo", "2026-03-01 11:30:00", true)]
    [TestCase("Asia/Tokyo", "2026-03-01 10:30:00", false)]
    public void CurrentOrFutureEvent_EndsStrictlyAfterTheRunInTheTenantsTimeZone(string zone, string end, bool current)
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { TimeZone = zone } };
        var plan = plans.Event(10, start: "2026-02-28 20:00:00", end: end).Employee(1).Assignment(1, 10).Plan();
        Assert.That(plan.All<InviteAction>(), current ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [TestCase("2026-03-01 04:00:00", true)]
    [TestCase("2026-03-01 02:00:00", false)]
    public void CurrentOrFutureEvent_UsesStartWhenEndIsMissing(string start, bool current)
    {
        var plan = new Plans().Event(10, start: start, end: null).Employee(1).Assignment(1, 10).Plan();
        Assert.That(plan.All<InviteAction>(), current ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [Test]
    public void CurrentOrFutureEvent_WithoutAnyTimeIsNotCurrent()
    {
        var plan = new Plans().Event(10, start: null, end: null).Employee(1).Assignment(1, 10).Plan();
        Assert.That(plan.All<InviteAction>(), Is.Empty);
    }

    [Test]
    public void EligibleEmployee_ConfirmedOnAPastEventOnly_IsNotInvited()
    {
        var plan = new Plans().Event(10, start: "2026-02-01 08:00:00", end: "2026-02-01 18:00:00").Employee(1).Assignment(1, 10).Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [Test]
    public void EligibleEmployee_GetsTheGroupsOfAllCurrentConfirmedEventsOnly()
    {
        var plan = new Plans()
            .Event(10).Event(11, "Gala", "2026-04-01 18:00:00", "2026-04-01 23:00:00").Event(12, "Old", "2026-01-01 08:00:00", "2026-01-01 10:00:00")
            .Event(13, "Maybe", "2026-05-01 08:00:00", "2026-05-01 10:00:00")
            .EventGroup(10).EventGroup(12)
            .Employee(1).Assignment(1, 10).Assignment(1, 11).Assignment(1, 12).Assignment(1, 13, status: 6)
            .Plan();
        var invite = plan.Single<InviteAction>();
        Assert.That(invite.Invitation.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10"), GroupRef.Pending(GroupSource.Event(11)) }));
    }

    [Test]
    public void EventGroup_IsFoundByExternalId_NotByName()
    {
        var plan = new Plans().Eligible(1, 10).Group("g-x", "Fair (2026-03-05)").Plan();
        Assert.That(plan.Single<InviteAction>().Invitation.Groups, Is.EqualTo(new[] { GroupRef.Pending(GroupSource.Event(10)) }));
        Assert.That(plan.Single<CreateGroupAction>().ExternalId, Is.EqualTo("staffcloud-event-10"));
    }

    [TestCase("emp-2")]
    [TestCase("")]
    [TestCase(null)]
    [TestCase("12a")]
    public void ProtectedAccounts_NoOrNonDigitExternalId_AreNeverTouched(string? externalId)
    {
        // StaffCloud knows employee 2 as deactivated, and MobieTrain has users/invitations that look like them.
        var plan = new Plans().Employee(2, status: 5)
            .User(externalId, email: "two@example.com", groups: "g-unknown")
            .Invitation(externalId, email: "two-inv@example.com", createdAt: Plans.Now.AddYears(-2))
            .Plan();
        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [Test]
    public void SyncedPerson_IsAUserOrInvitationWithADecimalExternalId()
    {
        var plan = new Plans().Employee(2, status: 5).User("2").Invitation("2").Plan();
        Assert.That(plan.Actions.Select(a => a.Kind), Is.EquivalentTo(new[] { "removeUser", "removeInvitation" }));
    }
}
