using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, "Profile mapping", phone row: the planner maps StaffCloud's numbers and reads MobieTrain's with the
/// tenant's <c>DefaultCallingCode</c>, so a person with only a national number is invited, and a second run writes nothing.
/// </summary>
public class CallingCodePlanTests
{
    private static Plans WithCode(string? code) => new() { Tenant = Plans.DefaultTenant() with { DefaultCallingCode = code } };

    [Test]
    public void Rule3_OnlyANationalNumber_IsInvitedWithTheTenantsCode()
    {
        var plan = WithCode("+41").Event(10).EventGroup(10).Employee(12, email: null, mobile: "079 123 45 67").Assignment(12, 10).Plan();

        var invitation = plan.Single<InviteAction>().Invitation;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(invitation.Phone, Is.EqualTo("+41791234567"));
            Assert.That(invitation.Email, Is.Null);
            Assert.That(plan.Skips, Is.Empty);
        }
    }

    [Test]
    public void Rule3_OnlyANationalNumber_WithoutTheSetting_IsSkippedNoContact()
    {
        var plan = WithCode(null).Event(10).EventGroup(10).Employee(12, email: null, mobile: "079 123 45 67").Assignment(12, 10).Plan();

        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.NoContact));
        Assert.That(plan.All<InviteAction>(), Is.Empty);
    }

    [Test]
    public void Idempotent_TheInvitationItMade_IsNotWrittenAgain()
    {
        // What the first run's invitation holds in MobieTrain: the number in + form.
        var plan = WithCode("+41").Event(10).EventGroup(10).Employee(12, email: null, mobile: "079 123 45 67").Assignment(12, 10)
            .Invitation("12", email: null, phone: "+41791234567", language: "en", groups: "g10").Plan();

        Assert.That(plan.IsEmpty, Is.True, PlanAssertions.Describe(plan));
    }

    [TestCase("079 123 45 67", "+41 79 123 45 67")]
    [TestCase("+41791234567", "079 123 45 67")]
    [TestCase("0041 79 123 45 67", "079.123.45.67")]
    public void Rule5And7_SameNumberWrittenNationallyOnEitherSide_MakesNoWrite(string staffCloud, string mobieTrain)
    {
        var plan = WithCode("+41").Event(10).EventGroup(10)
            .Employee(12, mobile: staffCloud).Assignment(12, 10).User("12", phone: mobieTrain, groups: "g10")
            .Employee(13, mobile: staffCloud).Assignment(13, 10).Invitation("13", phone: mobieTrain, groups: "g10").Plan();

        Assert.That(plan.IsEmpty, Is.True, PlanAssertions.Describe(plan));
    }

    [Test]
    public void Rule5_AnotherCodeInMobieTrain_IsANewNumber_AndOverwritten()
    {
        var plan = WithCode("+41").Event(10).EventGroup(10)
            .Employee(12, mobile: "079 123 45 67").Assignment(12, 10).User("12", phone: "+49 79 123 45 67", groups: "g10").Plan();

        Assert.That(plan.Single<UpdateUserAction>().Patch.Phone, Is.EqualTo("+41791234567"));
    }

    [Test]
    public void Rule7_ANationalNumberNowValid_ReplacesTheInvitationOfAnEligibleEmployee()
    {
        // Invited by e-mail before the tenant set its code: the number StaffCloud always had is new to the invitation.
        var plan = WithCode("+41").Event(10).EventGroup(10)
            .Employee(12, mobile: "079 123 45 67").Assignment(12, 10).Invitation("12", phone: null, groups: "g10").Plan();

        var replace = plan.Single<ReplaceInvitationAction>();
        Assert.That(replace.ChangedFields, Is.EqualTo(new[] { "phone" }));
        Assert.That(replace.Invitation.Phone, Is.EqualTo("+41791234567"));
    }
}
