using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "One tenant's run, in order": rules 3 and 7, new eligible employees invited and pending invitations following them.</summary>
public class InvitationRuleTests
{
    [Test]
    public void Rule3_NewEligibleEmployee_IsInvitedWithProfileAndEventGroups()
    {
        var plan = new Plans().Event(10).EventGroup(10)
            .Employee(1, first: " Ana ", last: "Lopez", email: "ana@example.com", mobile: "+41 79 123 45 67", language: "Deutsch")
            .Assignment(1, 10).Plan();
        var invitation = plan.Single<InviteAction>().Invitation;
        Assert.That(invitation, Is.EqualTo(new PlannedInvitation("1", "Ana", "Lopez", "ana@example.com", "+41791234567", "de", [GroupRef.Existing("g10")]))
            .Using<PlannedInvitation>((a, b) => a.ExternalId == b.ExternalId && a.FirstName == b.FirstName && a.LastName == b.LastName
                && a.Email == b.Email && a.Phone == b.Phone && a.Language == b.Language && a.Groups.SequenceEqual(b.Groups)));
        Assert.That(plan.Single<InviteAction>().Rule, Is.EqualTo(SyncRule.NewEligibleInvited));
    }

    [Test]
    public void Rule3_UnknownLanguage_TakesTheTenantDefault()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { DefaultLanguage = "fr" } };
        var plan = plans.Event(10).Employee(1, language: "Klingon").Assignment(1, 10).Plan();
        Assert.That(plan.Single<InviteAction>().Invitation.Language, Is.EqualTo("fr"));
    }

    [Test]
    public void Rule3_EmployeeWithAUserOrInvitation_IsNotInvitedAgain()
    {
        var plan = new Plans().Eligible(1).Eligible(2).EventGroup(10).User("1", groups: "g10").Invitation("2", groups: "g10").Plan();
        Assert.That(plan.All<InviteAction>(), Is.Empty);
    }

    [Test]
    public void Rule7_PendingInvitation_GetsProfileAndGroupUpdates()
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(3, last: "New").Assignment(3, 10).Invitation("3", last: "Old", groups: "g-x").Plan();
        var update = plan.Single<UpdateInvitationAction>();
        Assert.That(update.Patch.LastName, Is.EqualTo("New"));
        Assert.That(update.Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }));
        Assert.That(update.Rule, Is.EqualTo(SyncRule.PendingInvitationFollows));
    }

    [Test]
    public void Rule7_InvitationOfActiveNonEligible_StaysWithEmptyGroups()
    {
        var plan = new Plans().Employee(3).Group("g9", "Old", "staffcloud-event-9").Invitation("3", groups: "g9").Plan();
        Assert.That(plan.Single<UpdateInvitationAction>().Patch.Groups, Is.Empty);
        Assert.That(plan.All<RemoveInvitationAction>(), Is.Empty);
    }

    [TestCase("new@example.com", null, "email")]
    [TestCase("e3@example.com", "+41790000000", "phone")]
    [TestCase("new@example.com", "+41790000000", "email,phone")]
    public void Rule7_EmailOrPhoneChanged_InvitationIsReplaced(string email, string? mobile, string changed)
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(3, email: email, mobile: mobile).Assignment(3, 10)
            .Invitation("3", email: "e3@example.com", phone: "+41791111111", groups: "g10").Plan();
        var replace = plan.Single<ReplaceInvitationAction>();
        Assert.That(replace.ChangedFields, Is.EqualTo(changed.Split(',')));
        Assert.That(replace.Invitation.Email, Is.EqualTo(email));
        Assert.That(replace.Invitation.Phone, Is.EqualTo(mobile ?? "+41791111111"));
        Assert.That(replace.Invitation.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }));
        Assert.That(plan.All<UpdateInvitationAction>(), Is.Empty);
    }

    [Test]
    public void Rule7_ReplacementToAnAddressUsedByAnother_IsSkippedDuplicateEmail()
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(3, email: "taken@example.com").Assignment(3, 10)
            .Invitation("3", groups: "g10").User(null, email: "taken@example.com").Plan();
        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.DuplicateEmail));
        Assert.That(plan.All<ReplaceInvitationAction>(), Is.Empty);
    }
}
