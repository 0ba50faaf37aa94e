using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, rule 7: a pending invitation's new e-mail or phone waits while the employee is not eligible (no
/// invitation e-mail to someone with no current event) — names, language and groups follow meanwhile — and the
/// replacement happens in the first run that finds them eligible.
/// </summary>
public class WaitingReplacementTests
{
    [TestCase("new@example.com", null)]
    [TestCase("e3@example.com", "+41790000000")]
    public void Rule7_NotEligible_NewAddressWaits_ProfileAndGroupsFollow(string email, string? mobile)
    {
        var plan = new Plans().Group("g9", "Old", "staffcloud-event-9")
            .Employee(3, last: "New", email: email, mobile: mobile)
            .Invitation("3", last: "Old", email: "e3@example.com", phone: "+41791111111", groups: "g9").Plan();

        var update = plan.Single<UpdateInvitationAction>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.All<ReplaceInvitationAction>(), Is.Empty);
            Assert.That(update.Patch.LastName, Is.EqualTo("New"));
            Assert.That(update.Patch.Groups, Is.Empty);
            Assert.That(update.Patch.Email, Is.Null, "an invitation's address changes only by a replacement");
            Assert.That(update.Patch.Phone, Is.Null);
        }
    }

    [Test]
    public void Rule7_OnceEligible_TheWaitingAddressReplacesTheInvitation()
    {
        var plan = new Plans().Event(10).EventGroup(10)
            .Employee(3, last: "New", email: "new@example.com").Assignment(3, 10)
            .Invitation("3", last: "New", email: "e3@example.com", groups: []).Plan();

        var replace = plan.Single<ReplaceInvitationAction>();
        Assert.That(replace.Invitation.Email, Is.EqualTo("new@example.com"));
        Assert.That(replace.Invitation.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }));
    }

    [Test]
    public void Rule7_StatusNot4_NothingFollowsAndNothingIsReplaced()
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(3, status: 2, email: "new@example.com").Assignment(3, 10)
            .Invitation("3", email: "e3@example.com", groups: "g10").Plan();

        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }
}
