using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md: InvalidProfile, NoContact and DuplicateEmail skips, and that skips are not errors.</summary>
public class SkipTests
{
    [TestCase("", "Lopez")]
    [TestCase("Ana", null)]
    [TestCase(" ", " ")]
    public void InvalidProfile_EligibleWithAnEmptyName_IsNotInvited(string? first, string? last)
    {
        var plan = new Plans().Event(10).Employee(7, first: first, last: last).Assignment(7, 10).Plan();
        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.InvalidProfile));
        Assert.That(plan.All<InviteAction>(), Is.Empty);
    }

    [TestCase(null, null, null)]
    [TestCase("not-an-email", "079 123 45 67", "12")]
    public void NoContact_NeitherAValidEmailNorPhone_IsNotInvited(string? email, string? mobile, string? phone)
    {
        var plan = new Plans().Event(10).Employee(7, email: email, mobile: mobile, phone: phone).Assignment(7, 10).Plan();
        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.NoContact));
    }

    [Test]
    public void NoContact_PhoneOnly_IsInvitedByPhone()
    {
        var plan = new Plans().Event(10).Employee(7, email: null, mobile: "+41 79 123 45 67").Assignment(7, 10).Plan();
        var invitation = plan.Single<InviteAction>().Invitation;
        Assert.That((invitation.Email, invitation.Phone), Is.EqualTo(((string?)null, (string?)"+41791234567")));
    }

    [Test]
    public void InvalidProfile_IsCheckedBeforeNoContact()
    {
        var plan = new Plans().Event(10).Employee(7, first: "", email: null).Assignment(7, 10).Plan();
        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.InvalidProfile));
    }

    [Test]
    public void DuplicateEmail_SharedByEligibleEmployees_OnlyTheLowestIdIsInvited()
    {
        var plan = new Plans().Eligible(3, email: "Same@example.com").Eligible(9, email: "same@EXAMPLE.com").Eligible(5, email: "same@example.com").Plan();
        Assert.That(plan.Single<InviteAction>().EmployeeId, Is.EqualTo(3));
        Assert.That(plan.All<SkipAction>().Select(s => (s.EmployeeId, s.Reason)),
            Is.EquivalentTo(new[] { (5L, SkipReason.DuplicateEmail), (9L, SkipReason.DuplicateEmail) }));
    }

    [Test]
    public void DuplicateEmail_UsedByAMobieTrainRecordWithAnotherExternalId_IsNotInvited()
    {
        var plan = new Plans().Eligible(3, email: "taken@example.com").Eligible(4, email: "also@example.com")
            .User(null, email: "TAKEN@example.com").Invitation("99", email: "also@example.com").Employee(99, status: 2).Plan();
        Assert.That(plan.All<SkipAction>().Select(s => (s.EmployeeId, s.Reason)),
            Is.EquivalentTo(new[] { (3L, SkipReason.DuplicateEmail), (4L, SkipReason.DuplicateEmail) }));
    }

    [Test]
    public void DuplicateEmail_AnAddressThisRunDeletes_IsFreeForThisRunsInvitation_UnlessTheDeletionIsHeld()
    {
        var freed = new Plans().Employee(5, status: 5).User("5", email: "shared@example.com").Eligible(6, email: "shared@example.com").Plan();

        var heldPlans = new Plans().Eligible(6, email: "shared@example.com");
        for (var id = 20; id <= 30; id++)
        {
            heldPlans.Employee(id, status: 5).User($"{id}", email: id == 20 ? "shared@example.com" : "default");
        }

        var held = heldPlans.Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(freed.Single<RemoveUserAction>().EmployeeId, Is.EqualTo(5));
            Assert.That(freed.Single<InviteAction>().EmployeeId, Is.EqualTo(6), "the removal runs before invitations, so the address is free");
            Assert.That(held.DeletionGuard.Tripped, Is.True);
            Assert.That(held.All<InviteAction>(), Is.Empty, "a held deletion keeps its address");
            Assert.That(held.All<SkipAction>().Select(s => (s.EmployeeId, s.Reason)), Is.EqualTo(new[] { (6L, SkipReason.DuplicateEmail) }));
        }
    }

    [Test]
    public void DuplicateEmail_LowerIdThatIsNotEligible_DoesNotBlock()
    {
        var plan = new Plans().Employee(1, email: "same@example.com").Eligible(2, email: "same@example.com").Plan();
        Assert.That(plan.Single<InviteAction>().EmployeeId, Is.EqualTo(2));
    }

    [Test]
    public void Skips_AreListedOncePerPersonAndReason()
    {
        var plan = new Plans().Employee(7, first: "").User("7").Invitation("7").Plan();
        Assert.That(plan.SkippedRecords(), Is.EqualTo(new[] { new SkippedRecord(7, SkipReason.InvalidProfile) }));
        Assert.That(plan.PlannedCounts().Skipped, Is.EqualTo(1));
    }
}
