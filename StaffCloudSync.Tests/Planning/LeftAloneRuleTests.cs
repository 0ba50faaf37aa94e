namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "One tenant's run, in order": rules 8 and 9, everyone else and protected accounts left as they are.</summary>
public class LeftAloneRuleTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Rule8_Status0To3_UsersAndInvitationsLeftAsTheyAre(int status)
    {
        var plan = new Plans().Event(10).Employee(4, status, last: "New").Assignment(4, 10).User("4", last: "Old", groups: "g-x")
            .Invitation("4", last: "Old").Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [Test]
    public void Rule8_ActiveWithoutCurrentEventAndNotInMobieTrain_IsLeftAloneAndNotSkipped()
    {
        var plan = new Plans().Employee(1, email: null).Plan();
        Assert.That(plan.Actions, Is.Empty);
        Assert.That(plan.PlannedCounts().Skipped, Is.Zero);
    }

    [Test]
    public void Rule9_ProtectedAccounts_NeverChangedWhateverStaffCloudSays()
    {
        var plan = new Plans().Eligible(1, 10).User(null, email: "admin@example.com", groups: "g-x")
            .User("emp-1", email: "other@example.com").Invitation("x", createdAt: Plans.Now.AddYears(-3)).Plan();
        Assert.That(plan.Actions.Where(a => a.MobieTrainId is not null), Is.Empty, PlanAssertions.Describe(plan));
    }
}
