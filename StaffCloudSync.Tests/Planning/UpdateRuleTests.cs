using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "One tenant's run, in order": rule 5, the users of active employees updated with StaffCloud's profile.</summary>
public class UpdateRuleTests
{
    [TestCase("firstName")]
    [TestCase("lastName")]
    [TestCase("email")]
    [TestCase("phone")]
    [TestCase("language")]
    public void Rule5_ExistingUsersProfile_IsOverwrittenWithStaffCloudsValue(string field)
    {
        var plans = new Plans().Employee(1, first: "Ana", last: "Lopez", email: "ana@example.com", mobile: "+41791234567", language: "de");
        var plan = field switch
        {
            "firstName" => plans.User("1", first: "Anna", email: "ana@example.com", phone: "+41791234567", language: "de").Plan(),
            "lastName" => plans.User("1", last: "Lopes", email: "ana@example.com", phone: "+41791234567", language: "de").Plan(),
            "email" => plans.User("1", email: "old@example.com", phone: "+41791234567", language: "de").Plan(),
            "phone" => plans.User("1", email: "ana@example.com", phone: "+41790000000", language: "de").Plan(),
            _ => plans.User("1", email: "ana@example.com", phone: "+41791234567", language: "fr").Plan(),
        };
        var update = plan.Single<UpdateUserAction>();
        Assert.That(update.Patch.ChangedFields, Is.EqualTo(new[] { field }));
        Assert.That(update.Rule, Is.EqualTo(SyncRule.ExistingUserUpdated));
    }

    [Test]
    public void Rule5_AllChangedFieldsGoInOnePatch()
    {
        var plan = new Plans().Employee(1, first: "Ana", last: "Lopez", email: "ana@example.com", mobile: "+41791234567", language: "de")
            .User("1", first: "A", last: "L", email: "x@example.com", phone: null, language: "en").Plan();
        var patch = plan.Single<UpdateUserAction>().Patch;
        Assert.That(patch, Is.EqualTo(patch with { FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", Phone = "+41791234567", Language = "de" }));
        Assert.That(patch.ChangedFields, Is.EqualTo(new[] { "firstName", "lastName", "email", "phone", "language" }));
    }

    [Test]
    public void Rule5_EqualValues_MakeNoWrite_EmailCaseAndPhoneFormatIgnored()
    {
        var plan = new Plans().Employee(1, email: "Ana@Example.com", mobile: "0041 79 123 45 67")
            .User("1", email: "ana@example.com", phone: "+41 79 123 45 67").Plan();
        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [Test]
    public void Rule5_ActiveButNotEligibleUser_IsUpdatedToo()
    {
        var plan = new Plans().Employee(1, last: "New").User("1", last: "Old").Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.LastName, Is.EqualTo("New"));
    }

    [TestCase("bad-email", null, "xx")]
    [TestCase(null, "bad phone", null)]
    public void Rule5_AbsentOrInvalidValue_NeverClearsMobieTrains(string? email, string? mobile, string? language)
    {
        var plan = new Plans().Employee(1, email: email, mobile: mobile, language: language)
            .User("1", email: "kept@example.com", phone: "+41791234567", language: "fr").Plan();
        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [TestCase(null, "Lopez")]
    [TestCase("Ana", "  ")]
    public void Rule5_EmptyName_UserIsSkippedInvalidProfile(string? first, string? last)
    {
        var plan = new Plans().Employee(1, first: first, last: last).User("1", first: "Old", groups: "g-x").Plan();
        Assert.That(plan.Actions, Has.Count.EqualTo(1));
        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.InvalidProfile));
    }

    [Test]
    public void Rule5_EmailOfAnotherRecord_IsNotCopiedOntoAUser()
    {
        var plan = new Plans().Employee(1, email: "taken@example.com", last: "New")
            .User("1", email: "mine@example.com", last: "Old").User("2", email: "taken@example.com").Employee(2, email: "taken@example.com").Plan();
        var patch = plan.Single<UpdateUserAction>().Patch;
        Assert.That(patch.ChangedFields, Is.EqualTo(new[] { "lastName" }));
    }
}
